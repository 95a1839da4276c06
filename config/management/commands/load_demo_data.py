"""Load the demonstration data for a newcomer's laptop (refused when DEBUG is off)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import add_demo_force_emails, create_demo_accounts
from forces.demo import demo_office_holders
from governance.demo import demonstration_report
from letters.demo import demonstration_template, issued_reference_letters, reference_register
from publications.demo import published_reference_letter
from reviews.demo import create_reference_case


class Command(BaseCommand):
    help = "Create the demo accounts and data described in the README. Development only."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data is for development only: it is refused when DEBUG is off.")
        with transaction.atomic():
            add_demo_force_emails()
            demo_office_holders()
            users = create_demo_accounts(settings.DEMO_PASSWORD)
            review, demonstration = create_reference_case(users)
            demonstration_template(demonstration)
            by_name = {user.username: user for user in users}
            letters = issued_reference_letters(review, by_name["inspector"], by_name["signatory"])
            reference_register(letters, by_name["inspector"])
            merseyside = letters[0]
            published_reference_letter(review, merseyside, by_name["inspector"])
            demonstration_report()
        self.stdout.write(self.style.SUCCESS("Demo accounts (all with the same password):"))
        for user in users:
            self.stdout.write(
                f"  {user.username:<12} {user.get_role_display()}" + (f", {user.force.name}" if user.force else "")
            )
        self.stdout.write(f"  password: {settings.DEMO_PASSWORD}  (set DEMO_PASSWORD to choose another)")
        self.stdout.write(
            "  inspector and signatory also need a code from their authenticator app; on this machine, get the\n"
            "  current one with:  make code ACCOUNT=inspector   (or: .venv/bin/python manage.py demo_code inspector)"
        )
