from django.urls import path

from . import views

app_name = "outbox"

urlpatterns = [
    path("manage/emails/<int:pk>/resend/", views.delivery_resend_view, name="resend"),
]
