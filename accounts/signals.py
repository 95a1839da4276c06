"""Account events: the security log, and ending a deactivated user's sessions at once."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from core.audit import audit

from .models import User


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    audit("auth.sign_in", request, role=user.role)


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    audit("auth.sign_out", request, signed_out=getattr(user, "username", None))


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    audit("auth.sign_in_failed", request, username=str(credentials.get("username", ""))[:150])


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    audit("auth.locked_out", request, username=str(username)[:150], locked_ip=ip_address)


def end_sessions(user):
    """Delete every live session of the user (staff sessions are few: reading each is cheap)."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@receiver(post_save, sender=User)
def deactivated(sender, instance, **kwargs):
    if not instance.is_active:
        count = end_sessions(instance)
        if count:
            audit("auth.sessions_ended", None, deactivated=instance.username, sessions=count)
