"""Measure letter rendering and the bulk work on a review of 43 forces; the database is left untouched."""

import datetime
import io
import resource
import statistics
import time
import tracemalloc

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from core.files import file_read
from forces.models import Force
from letters.demo import REFERENCE_BODY
from letters.models import BulkJob, Letter, LetterTemplate
from letters.pdf import render_pdf
from letters.pdf_engine import WARM_UP_HTML, engine
from letters.presentation import issued_view
from letters.services import letter_approve
from letters.tasks import draft_all_letters, issue_approved_letters
from reviews.demo import ELEMENTS, OUTCOMES, add_framework, reference_report
from reviews.models import Assessment, AssessmentJudgement, Review


def render_process_peak_mb():
    """The largest render process's peak resident memory (letters.pdf_engine), in MB."""
    peaks = [0.0]
    for pid in engine.pids():
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        peaks.append(int(line.split()[1]) / 1024)
    return max(peaks)


def bench_signatory():
    return User.objects.create_user(
        "bench-signatory",
        role=User.Role.SIGNATORY,
        first_name="Bench",
        last_name="Signatory",
        post_nominals="QPM",
        title_lines="Her Majesty's Inspector of Constabulary",
    )


def review_of_43_forces(signatory, slug="benchmark-review"):
    """A review of the 43 territorial forces, each assessed, with the reference letter's template."""
    review = Review.objects.create(
        recommendation=reference_report()[1],
        title="Benchmark review",
        slug=slug,
        request_date=datetime.date(2017, 5, 16),
        submission_deadline=datetime.date(2017, 5, 31),
        assessment_period="June 2017",
        lead_signatory=signatory,
        contact_name="John Young",
        contact_email="john.young@example.org",
        contact_phone="07802 948502",
    )
    forces = Force.objects.filter(kind=Force.Kind.TERRITORIAL)
    review.forces.set(forces)
    add_framework(review, ELEMENTS, OUTCOMES)
    LetterTemplate.objects.create(review=review, body=REFERENCE_BODY)
    elements = list(review.elements.prefetch_related("judgements"))
    outcomes = list(review.outcome_categories.all())
    for index, force in enumerate(forces):
        force.chief_officer_email = force.chief_officer_email or f"chief@{force.slug}.example.org"
        force.save(update_fields=["chief_officer_email"])
        assessment = Assessment.objects.create(
            review=review,
            force=force,
            outcome=outcomes[index % 4],
            assessed_by=signatory,
            assessed_at=timezone.now(),
        )
        for element in elements:
            AssessmentJudgement.objects.create(
                assessment=assessment, element=element, judgement=element.judgements.all()[1]
            )
    return review


class Rollback(Exception):
    pass


def milliseconds(seconds):
    return f"{seconds * 1000:.0f} ms"


class Command(BaseCommand):
    help = "Print render time and memory for one letter, and wall time to draft and issue a review's 43 letters."

    def add_arguments(self, parser):
        parser.add_argument("--renders", type=int, default=20)

    def handle(self, *args, renders, **options):
        try:
            with transaction.atomic(), override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                signatory = bench_signatory()
                review = review_of_43_forces(signatory)
                self.start_render_process()
                self.bulk(review, signatory)
                self.render(Letter.objects.filter(review=review, state=Letter.State.ISSUED).first(), renders)
                raise Rollback
        except Rollback:
            self.stdout.write("(everything the benchmark created was rolled back)")

    def start_render_process(self):
        """Started once per process of the service, before its first PDF: timed apart from the work."""
        engine.stop()
        started = time.perf_counter()
        engine.render(WARM_UP_HTML)
        self.stdout.write(f"Start the render process: {milliseconds(time.perf_counter() - started)} (once per process)")

    def bulk(self, review, signatory):
        inspector = User.objects.create_user("bench-inspector", role=User.Role.INSPECTOR)  # drafts; another approves
        started = time.perf_counter()
        draft_all_letters.func(BulkJob.objects.create(review=review, kind="draft", started_by=inspector).pk)
        drafted = time.perf_counter() - started
        for letter in Letter.objects.filter(review=review):
            letter_approve(letter=letter, by=signatory)
        started = time.perf_counter()
        issue_approved_letters.func(BulkJob.objects.create(review=review, kind="issue", started_by=signatory).pk)
        issued = time.perf_counter() - started
        count = Letter.objects.filter(review=review, state=Letter.State.ISSUED).count()
        self.stdout.write(f"Draft all 43 letters of a review:  {milliseconds(drafted)} wall time")
        self.stdout.write(f"Issue all {count} letters (render, store, queue email): {milliseconds(issued)} wall time")

    def render(self, letter, renders):
        context = {"letter": issued_view(letter)}
        pages = len(PdfReader(io.BytesIO(file_read(letter.pdf))).pages)
        render_pdf(context)  # warm-up
        timings = []
        for _ in range(renders):
            started = time.perf_counter()
            render_pdf(context)
            timings.append(time.perf_counter() - started)
        tracemalloc.start()  # measured apart: tracing slows rendering several times over
        render_pdf(context)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        resident = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        renderer = render_process_peak_mb()
        self.stdout.write(
            f"Render one {pages}-page letter: median {milliseconds(statistics.median(timings))} of {renders} "
            f"(min {milliseconds(min(timings))}, max {milliseconds(max(timings))})"
        )
        self.stdout.write(
            f"Peak memory: {peak / 1024 / 1024:.1f} MB allocated in this process by one render; "
            f"{resident:.0f} MB resident (this process's peak); render process peak {renderer:.0f} MB resident"
        )
