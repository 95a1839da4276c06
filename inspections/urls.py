from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("reports/", views.report_list, name="report-list"),
    path("reports/new/", views.report_edit, name="report-create"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report-edit"),
    path("reports/<int:report_pk>/causes/new/", views.cause_edit, name="cause-create"),
    path("causes/<int:pk>/edit/", views.cause_edit, name="cause-edit"),
    path("topics/", views.topic_list, name="topic-list"),
    path("topics/new/", views.topic_edit, name="topic-create"),
    path("topics/<int:pk>/edit/", views.topic_edit, name="topic-edit"),
    path("topics/<int:pk>/rename/", views.topic_rename_view, name="topic-rename"),
]
