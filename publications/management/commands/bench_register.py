"""Time the public register's page against the public letters list at a realistic size; the database is
left untouched (everything is created in a transaction that is rolled back)."""

import datetime
import hashlib
import statistics
import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone

from accounts.models import User
from forces.models import Force
from inspections.models import InspectionReport, Topic, TopicRename
from letters.models import Letter
from recommendations.models import Recommendation, RegisterEntry, RegisterStatus
from recommendations.services import open_deadlines_refresh
from reviews.models import Assessment, OutcomeCategory, Review

from ...caching import generation_start
from ...models import Publication, PublishedLetter

STATUSES = list(RegisterStatus)


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Print the public register's page time beside the public letters list's, at a realistic size."

    def add_arguments(self, parser):
        parser.add_argument("--recommendations", type=int, default=300)
        parser.add_argument("--letters", type=int, default=300)
        parser.add_argument("--runs", type=int, default=15)

    def handle(self, *args, recommendations, letters, runs, **options):
        try:
            with transaction.atomic(), override_settings(ALLOWED_HOSTS=["testserver"]):
                inspector = User.objects.create_user("bench-register", role=User.Role.INSPECTOR)
                forces = list(Force.objects.filter(kind=Force.Kind.TERRITORIAL).order_by("name"))
                if not forces:
                    self.stderr.write("No forces: run `manage.py load_forces` first.")
                    raise Rollback
                made = self.register(recommendations, forces)
                published = self.letters(letters, forces, inspector)
                self.stdout.write(f"{made} recommendations x {len(forces)} forces; {published} published letters")
                self.compare(runs)
                raise Rollback
        except Rollback:
            self.stdout.write("(everything the benchmark created was rolled back)")

    def register(self, count, forces):
        """Recommendations in reports of ten, at every territorial force, with varied statuses and dates."""
        today = timezone.localdate()
        topic = Topic.objects.create(name="bench: abuse of position for a sexual purpose")
        TopicRename.objects.create(
            topic=topic,
            former_name="bench: abuse of authority for sexual gain",
            new_name=topic.name,
            renamed_on=datetime.date(2017, 4, 1),
        )
        reports = [
            InspectionReport.objects.create(
                title=f"Bench report {number}", published_on=today - datetime.timedelta(days=400 + number)
            )
            for number in range((count + 9) // 10)
        ]
        for index in range(count):
            report = reports[index // 10]
            recommendation = Recommendation.objects.create(
                reference=f"bench-{index}",
                report=report,
                topic=topic,
                text="Forces should review the capability and capacity of their counter-corruption units.",
                timescale=Recommendation.Timescale.MONTHS_AFTER_PUBLICATION,
                timescale_months=3 + index % 12,
            )
            # Entries written directly: a throwaway database for timing pages, not a test of the services.
            RegisterEntry.objects.bulk_create(
                RegisterEntry(
                    recommendation=recommendation,
                    force=force,
                    status=STATUSES[(index + position) % len(STATUSES)],
                    status_since=today - datetime.timedelta(days=position),
                    target_date=today + datetime.timedelta(days=position - 20) if position % 3 else None,
                    target_revisions=position % 4,
                )
                for position, force in enumerate(forces)
            )
        open_deadlines_refresh(Recommendation.objects.all())
        return count

    def letters(self, count, forces, inspector):
        """Published letters as the public list shows them, in reviews of up to 43 forces."""
        release_at = timezone.now() - datetime.timedelta(days=1)
        recommendation = Recommendation.objects.filter(reference__startswith="bench-").earliest("pk")
        pdf = b"%PDF-1.7 stand-in"
        stand_in = default_storage.save("letter/stand-in.pdf", ContentFile(pdf))  # one file for every row
        created = 0
        for index in range((count + len(forces) - 1) // len(forces)):
            review = Review.objects.create(
                recommendation=recommendation,
                title=f"Bench review {index}",
                slug=f"bench-review-{index}",
                request_date=datetime.date(2017, 5, 16),
                submission_deadline=datetime.date(2017, 5, 31),
                assessment_period="June 2017",
                lead_signatory=inspector,
                contact_name="John Young",
                contact_email="john.young@example.org",
                contact_phone="07802 948502",
            )
            outcome = OutcomeCategory.objects.create(review=review, position=0, name="Had plans in place")
            publication = Publication.objects.create(review=review, release_at=release_at, scheduled_by=inspector)
            for force in forces[: min(len(forces), count - created)]:
                assessment = Assessment.objects.create(
                    review=review, force=force, outcome=outcome, assessed_by=inspector, assessed_at=release_at
                )
                letter = Letter.objects.create(
                    assessment=assessment,
                    review=review,
                    force=force,
                    state=Letter.State.ISSUED,
                    heading="Assessment: abuse of position for a sexual purpose",
                    body="Body text about the topic.",
                    drafted_by=inspector,
                    issued_by=inspector,
                    issued_at=release_at,
                    letter_date=release_at.date(),
                    force_name=force.name,
                    addressee_title="Chief Constable",
                    pdf=stand_in,
                    pdf_size=len(pdf),
                    pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                )
                PublishedLetter.objects.create(
                    publication=publication, letter=letter, outcome_name=outcome.name, outcome_position=0
                )
                created += 1
        return created

    def timed(self, client, url, runs):
        """Median wall time of an anonymous GET with the public page cache empty (the worst case)."""
        timings = []
        for _ in range(runs + 1):
            generation_start()  # every stored page stale, never emptying a shared cache
            started = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(timings[1:])  # the first warms up

    def compare(self, runs):
        client = Client()
        letters = self.timed(client, "/letters/", runs)
        self.stdout.write(f"Public letters list (/letters/):           median {letters * 1000:.0f} ms of {runs}")
        limit = 2 * letters
        for url in ["/register/", "/register/?q=authority+gain&overdue=1", "/register/?force=kent&status=verified"]:
            seconds = self.timed(client, url, runs)
            verdict = "within" if seconds <= limit else "OVER"
            self.stdout.write(
                f"Public register ({url}): median {seconds * 1000:.0f} ms of {runs}, "
                f"{seconds / letters:.2f}x the letters list ({verdict} 2x)"
            )
        recommendation = "/recommendations/bench-0/"
        seconds = self.timed(client, recommendation, runs)
        self.stdout.write(f"A recommendation's 43-row table ({recommendation}): median {seconds * 1000:.0f} ms")
