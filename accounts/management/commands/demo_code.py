"""Print a demo account's current sign-in code, as its authenticator app would (development only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Show the current two-factor code of a demo account, so a newcomer can sign in. Refused when DEBUG is off."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="inspector")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("Codes are only shown on a development machine: refused when DEBUG is off.")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} has no authenticator set up. Run `make demo` first.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        remaining = device.step - int(time.time() - device.t0) % device.step
        self.stdout.write(f"{username}: {str(totp.token()).zfill(device.digits)}  (valid for {remaining} more seconds)")
