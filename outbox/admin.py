"""Operators can read every recorded email in the admin; nobody edits them there."""

from django.contrib import admin

from .models import Delivery


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["subject", "state", "attempts", "created_at", "sent_at"]
    list_filter = ["state"]
    search_fields = ["subject"]
    exclude = ["attachment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
