from django.contrib import admin

from .models import Force


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "region",
        "chief_officer_title",
        "chief_officer_email",
        "governance_email",
    ]
    list_filter = ["kind", "region"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
