"""The public force pages' addresses, under /forces/ (namespace "forces")."""

from django.urls import path

from . import force_pages as views
from . import register_pages

app_name = "forces"

urlpatterns = [
    path("", views.force_list, name="list"),
    path("<slug:slug>/", views.force_detail, name="detail"),
    path("<slug:slug>/register/", register_pages.force_register, name="register"),
]
