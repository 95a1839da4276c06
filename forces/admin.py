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

    # Inspectors keep the forces' details (email addresses above all) up to date; only superusers
    # add or remove forces, which load_forces maintains from the reference CSV.
    def has_module_permission(self, request):
        return is_inspector(request) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_inspector(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_inspector(request) or super().has_change_permission(request, obj)


def is_inspector(request):
    return request.user.is_authenticated and request.user.is_inspector
