from django.urls import path

from .views import body, staff

app_name = "governance"

urlpatterns = [
    path("governance/", body.body_home, name="body-home"),
    path("governance/reports/<int:pk>/", body.body_report, name="body-report"),
    path("manage/section-55/", staff.responses_due, name="responses-due"),
]
