from django.urls import path

from .views import force_side, imports, recommendations, register

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
    path("manage/register/", register.register_list, name="register-list"),
    path("manage/register/claims/", register.claims_queue, name="claims"),
    path("manage/register/forces/<slug:slug>/", register.force_overview, name="force-overview"),
    path("manage/register/claims/<int:pk>/", register.claim_decision, name="claim-decision"),
    path("evidence/<int:pk>/", register.evidence_download, name="evidence"),
    path("force/recommendations/", force_side.liaison_register, name="liaison-register"),
    path("force/recommendations/<slug:reference>/", force_side.liaison_recommendation, name="liaison-recommendation"),
    path("force/actions/<int:pk>/revise/", force_side.liaison_revise, name="liaison-revise"),
]
