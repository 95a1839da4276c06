from django.urls import path

from . import office_holders, views

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
    path("office-holders/", office_holders.office_holder_list, name="office-holders"),
    path("office-holders/<slug:slug>/", office_holders.force_office_holders, name="force-office-holders"),
    path("office-holders/<slug:slug>/new/", office_holders.office_holder_edit, name="office-holder-create"),
    path("office-holders/terms/<int:pk>/edit/", office_holders.office_holder_edit, name="office-holder-edit"),
    path("office-holders/terms/<int:pk>/end/", office_holders.office_holder_end_view, name="office-holder-end"),
]
