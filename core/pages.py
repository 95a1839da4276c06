"""Rendering shared by the apps' views."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def form_page(
    request: HttpRequest, form: forms.BaseForm, *, title: str, back_url: str, caption: str = "", intro: str = ""
) -> HttpResponse:
    """A page holding one form: GOV.UK error summary, heading, the form and a back link."""
    context = {"form": form, "title": title, "back_url": back_url, "caption": caption, "intro": intro}
    return render(request, "form_page.html", context)
