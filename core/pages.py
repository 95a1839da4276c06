"""Rendering shared by the apps' views."""

from django.shortcuts import render


def form_page(request, form, *, title, back_url, caption="", intro=""):
    """A page holding one form: GOV.UK error summary, heading, the form and a back link."""
    context = {"form": form, "title": title, "back_url": back_url, "caption": caption, "intro": intro}
    return render(request, "form_page.html", context)
