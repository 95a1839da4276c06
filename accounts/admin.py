from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "force", "is_active"]
    list_filter = ["role", "is_active", "force"]
    list_select_related = ["force"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Role", {"fields": ["role", "force"]}),
        ("Signatory", {"fields": ["post_nominals", "title_lines", "signature"]}),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (("Role", {"fields": ["role", "force"]}),)
