"""The scale benchmark: `generate` ten years of history into this (throwaway) database, then `measure` every
public page and export, in process and under gunicorn. `make bench-scale` runs both on a database of its
own and drops it afterwards."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from publications.bench.generate import Size, history_generate
from publications.bench.measure import Gunicorn, in_process
from publications.models import PublishedLetter

FORCE = "kent"
# Pages measured under gunicorn too (each with a query string of its own, so the cache never answers).
UNDER_GUNICORN = ["letters list", "letters search", "force page", "register", "recommendation"]


def public_pages(review, reference):
    """(name, address) of every public page and export, at the generated data's own addresses."""
    return [
        ("home", "/"),
        ("letters list", "/letters/"),
        ("letters list page 1000", "/letters/?page=1000"),
        ("letters search", "/letters/?q=authority"),
        ("letters search no match", "/letters/?q=zzqxnomatch"),
        ("letters of a force", f"/letters/?force={FORCE}"),
        ("letter", f"/letters/{review}/{FORCE}/"),
        ("review overview", f"/reviews/{review}/"),
        ("recommendation", f"/recommendations/{reference}/"),
        ("recommendation at a force", f"/recommendations/{reference}/{FORCE}/"),
        ("register", "/register/"),
        ("register search", "/register/?q=authority"),
        ("register overdue", "/register/?overdue=1"),
        ("forces list", "/forces/"),
        ("force page", f"/forces/{FORCE}/"),
        ("force register", f"/forces/{FORCE}/register/"),
        ("responses", "/responses/"),
        ("open data page", "/data/"),
        ("api recommendations", "/api/v1/recommendations"),
        ("api statuses", "/api/v1/statuses"),
        ("publications feed", "/data/publications.atom"),
        ("register feed", "/register/changes.atom"),
        ("letters csv", "/data/letters.csv"),
        ("letters json", "/data/letters.json"),
        ("register recommendations csv", "/data/register/recommendations.csv"),
        ("register recommendations json", "/data/register/recommendations.json"),
        ("register statuses csv", "/data/register/statuses.csv"),
        ("register statuses json", "/data/register/statuses.json"),
    ]


class Command(BaseCommand):
    help = "Generate ten years of history (generate), or measure every public page and export (measure)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "measure"])
        parser.add_argument("--letters", type=int, default=Size.letters)
        parser.add_argument("--recommendations", type=int, default=Size.recommendations)
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument("--export-runs", type=int, default=2)

    def handle(self, *args, action, letters, recommendations, runs, export_runs, **options):
        if action == "generate":
            self.generate(Size(letters=letters, recommendations=recommendations))
        else:
            self.measure(runs, export_runs)

    def generate(self, size):
        if PublishedLetter.objects.exists():
            raise CommandError("This database already has published letters: generate only into an empty one.")
        counts = history_generate(size)
        self.stdout.write("generated: " + ", ".join(f"{count} {name}" for name, count in counts.items()))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # statistics and visibility, as autovacuum gives a real database

    def measure(self, runs, export_runs):
        entry = PublishedLetter.objects.select_related("letter__review__recommendation").latest("pk")
        review = entry.letter.review
        pages = public_pages(review.slug, review.recommendation.reference)
        measured = {}
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            for name, url in pages:
                export = url.endswith((".csv", ".json"))  # streamed whole: fewer runs
                measures = in_process(name, url, export_runs if export else runs)
                measured[name] = measures[0]
                self.stdout.write("\n".join(measure.line() for measure in measures))
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            return  # gunicorn's workers would not share an in-memory view of this database
        with Gunicorn() as server:
            for name, url in pages:
                if name in UNDER_GUNICORN:
                    self.stdout.write(server.measure(name, url, runs, measured[name].queries).line())
