from django.urls import path

from .views import imports, recommendations, register

app_name = "recommendations"

urlpatterns = [
    path("manage/recommendations/", recommendations.recommendation_list, name="list"),
    path("manage/recommendations/new/", recommendations.recommendation_edit, name="create"),
    path("manage/recommendations/import/", imports.recommendation_import, name="import"),
    path("manage/recommendations/import/confirm/", imports.recommendation_import_confirm, name="import-confirm"),
    path("manage/recommendations/import/template.csv", imports.recommendation_import_template, name="import-template"),
    path("manage/recommendations/<int:pk>/", recommendations.recommendation_detail, name="detail"),
    path("manage/recommendations/<int:pk>/edit/", recommendations.recommendation_edit, name="edit"),
    path("manage/recommendations/<int:pk>/register/", register.register, name="register"),
    path("manage/recommendations/<int:pk>/register/<slug:slug>/", register.force_register, name="force-register"),
]
