"""Two-factor sign-in for inspectorate staff: an authenticator app (TOTP), with recovery codes."""

import base64
import io

import django_otp
from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image

from core.audit import audit
from core.forms import GovukForm, posted

from .access import second_factor_url, staff_only

RECOVERY_CODE_COUNT = 10


class TokenForm(GovukForm, forms.Form):
    submit_label = "Continue"
    token = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or a recovery code",
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "")


def safe_next(request):
    """Where the user was going, if it is on this site; otherwise where they land after signing in."""
    landing = resolve_url(settings.LOGIN_REDIRECT_URL)
    target = request.POST.get("next") or request.GET.get("next") or landing
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if allowed else landing


def pass_second_factor(request, device):
    """Mark the session verified under a new key, so a key seen before the second factor is worthless."""
    django_otp.login(request, device)
    request.session.cycle_key()


@staff_only
def verify(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(second_factor_url(request.user, safe_next(request)))
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        matched = django_otp.match_token(request.user, form.cleaned_data["token"])
        if matched is not None:
            pass_second_factor(request, matched)
            audit("auth.second_factor", request, device=type(matched).__name__)
            return redirect(safe_next(request))
        audit("auth.second_factor_failed", request)
        form.add_error("token", "The code is not right. Check the time on your phone is correct and try again.")
    return render(request, "accounts/two_factor.html", {"form": form, "next": safe_next(request)})


def pending_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@staff_only
def setup(request):
    if request.user.is_verified() or TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(second_factor_url(request.user, safe_next(request)))
    device = pending_device(request.user)
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = enrol(request.user, device)
            pass_second_factor(request, device)
            audit("auth.second_factor_enrolled", request)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": safe_next(request)})
        form.add_error("token", "The code is not right. Scan the QR code again and enter the newest code.")
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))}
    return render(request, "accounts/two_factor_setup.html", {**context, "next": safe_next(request)})


@transaction.atomic
def enrol(user, device):
    """Confirm the app and give the user recovery codes, each usable once."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    static, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


@staff_only
def setup_qr_code(request):
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        return HttpResponse(status=404)
    out = io.BytesIO()
    write_qrcode_image(device.config_url, out)
    response = HttpResponse(out.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "private, no-store"
    return response
