"""Hostile input, across every form and upload: each gets a clear message or status and changes nothing."""

import errno
import io
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse
from pypdf import PdfWriter

from inspections.models import InspectionReport, Topic
from letters.models import Letter, LetterTemplate
from publications.models import Publication, PublishedLetter
from recommendations.models import Recommendation
from reviews.models import Assessment, Document, Extension, Review, Submission
from tests.conftest import stored_files
from tests.factories import DOCM_MAIN, docx_bytes, make_review, pdf_bytes, raw_multipart, upload

MODELS = [
    Submission,
    Document,
    Review,
    Assessment,
    Extension,
    Letter,
    LetterTemplate,
    Publication,
    PublishedLetter,
    Recommendation,
    InspectionReport,
    Topic,
]


def snapshot(media_root):
    counts = {model.__name__: model.objects.count() for model in MODELS}
    return counts, stored_files(media_root) if media_root.exists() else []


@pytest.fixture
def unchanged(private_media):
    """Asserts, after the test, that no row was added or removed and no file written since the baseline:
    taken when the fixture starts, or again by calling it once a test has built what it needs."""
    baseline = [snapshot(private_media)]

    def restart():
        baseline[0] = snapshot(private_media)

    yield restart
    assert snapshot(private_media) == baseline[0]


def encrypted_pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/filler.bin", "w", force_zip64=True) as filler:
            for _ in range(210):
                filler.write(b"\0" * (1024 * 1024))
    return buffer.getvalue()


UPLOADS = [
    ("executable renamed .pdf", "plan.pdf", b"MZ\x90\x00" + b"\x00" * 300, "is not a PDF"),
    ("HTML renamed .pdf", "plan.pdf", b"<!DOCTYPE html><script>alert(1)</script>", "is not a PDF"),
    ("PDF header then HTML", "plan.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>", "could not be read"),
    ("PDF header then a zip", "plan.pdf", b"%PDF-1.4\n" + docx_bytes(), "could not be read"),
    ("PDF header before a Word file", "plan.docx", b"%PDF-1.4\n" + docx_bytes(), "not a Word document"),
    ("empty file", "plan.pdf", b"", "is empty"),
    ("password-protected PDF", "plan.pdf", encrypted_pdf(), "protected by a password"),
    ("file over 20MB", "plan.pdf", b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "smaller than 20MB"),
    ("Word file that expands past the cap", "plan.docx", zip_bomb(), "expands to more than 200MB"),
    ("Word file with macros (.docm)", "plan.docm", docx_bytes(main=DOCM_MAIN), "with macros (.docm)"),
    ("macros inside a .docx", "plan.docx", docx_bytes(main=DOCM_MAIN), "contains macros"),
    ("Word file with a VBA project", "plan.docx", docx_bytes(extra=[("word/vbaProject.bin", b"x")]), "contains macros"),
    ("truncated zip", "plan.docx", docx_bytes()[:200], "not a Word document"),
    ("unknown extension", "plan.exe", pdf_bytes(), "must be a PDF or a Word document"),
    ("no extension", "plan", pdf_bytes(), "must be a PDF or a Word document"),
]

NAMES = [
    ("folder path", "../../etc/passwd.pdf", "must not contain a folder path"),
    ("Windows path", "C:\\Windows\\plan.pdf", "must not contain a folder path"),
    ("NUL", "plan\x00.pdf", "control characters"),
    ("right-to-left override", "plan\u202efdp.exe.pdf", "control characters"),
    ("terminal escape", "plan\x1b]0;owned\x07.pdf", "control characters"),
    ("300 characters", "p" * 296 + ".pdf", "200 characters or fewer"),
    ("dots only", "...", "must not contain a folder path"),
]


@pytest.fixture
def cheshire_client(client, cheshire_officer):
    client.force_login(cheshire_officer)
    return client


def upload_url(review):
    return reverse("reviews:liaison-review", args=[review.pk])


@pytest.mark.parametrize("name, content, message", [c[1:] for c in UPLOADS], ids=[c[0] for c in UPLOADS])
def test_hostile_upload(cheshire_client, review, unchanged, name, content, message):
    response = cheshire_client.post(
        upload_url(review), {"documents": [upload(name, content)], "form_token": uuid.uuid4()}
    )
    assert response.status_code == 200
    assert message in response.content.decode()


@pytest.mark.parametrize("name, message", [c[1:] for c in NAMES], ids=[c[0] for c in NAMES])
def test_hostile_file_name(cheshire_client, review, unchanged, name, message):
    body, content_type = raw_multipart({"form_token": str(uuid.uuid4())}, [("documents", name, pdf_bytes())])
    response = cheshire_client.post(upload_url(review), data=body, content_type=content_type)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_oversized_body_is_refused_before_it_is_read(cheshire_client, review, unchanged):
    response = cheshire_client.generic(
        "POST", upload_url(review), b"x", content_type="application/octet-stream", CONTENT_LENGTH=str(200 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert b"too large" in response.content


def test_malformed_multipart(cheshire_client, review, unchanged):
    body = b'--xyz\r\nContent-Disposition: form-data; name="documents"; filename="a.pdf"\r\n\r\n%PDF-1.7 no end'
    response = cheshire_client.post(upload_url(review), data=body, content_type="multipart/form-data; boundary=xyz")
    assert response.status_code in (200, 400)
    no_boundary = cheshire_client.post(upload_url(review), data=b"garbage", content_type="multipart/form-data")
    assert no_boundary.status_code == 400


def test_too_many_files_in_one_request(cheshire_client, review, unchanged):
    files = [upload(f"plan-{index}.pdf", pdf_bytes()) for index in range(11)]
    response = cheshire_client.post(upload_url(review), {"documents": files, "form_token": uuid.uuid4()})
    assert response.status_code == 400


def test_wrong_content_type(cheshire_client, review, unchanged):
    response = cheshire_client.post(
        upload_url(review), data='{"documents": "plan.pdf"}', content_type="application/json"
    )
    assert response.status_code == 200
    assert "Select at least one document" in response.content.decode()
    assert "This form has expired" in response.content.decode()


def test_oversized_text_fields(cheshire_client, review, unchanged):
    response = cheshire_client.post(upload_url(review), {"covering_note": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 400  # larger than DATA_UPLOAD_MAX_MEMORY_SIZE
    long_note = cheshire_client.post(
        upload_url(review),
        {"documents": [upload("plan.pdf", pdf_bytes())], "covering_note": "x" * 5001, "form_token": uuid.uuid4()},
    )
    assert "at most 5000 characters" in long_note.content.decode()


def test_null_character_in_text(cheshire_client, review, unchanged):
    response = cheshire_client.post(
        upload_url(review),
        {"documents": [upload("plan.pdf", pdf_bytes())], "covering_note": "plan\x00note", "form_token": uuid.uuid4()},
    )
    assert "Null characters are not allowed" in response.content.decode()


def test_post_without_csrf_token(review, cheshire_officer, unchanged):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cheshire_officer)
    response = client.post(
        upload_url(review), {"documents": [upload("plan.pdf", pdf_bytes())], "form_token": uuid.uuid4()}
    )
    assert response.status_code == 403


def test_replayed_post_stores_nothing_new(cheshire_client, review, private_media):
    data = {"form_token": str(uuid.uuid4())}
    cheshire_client.post(upload_url(review), {**data, "documents": [upload("plan.pdf", pdf_bytes())]})
    before = snapshot(private_media)
    replay = cheshire_client.post(upload_url(review), {**data, "documents": [upload("plan.pdf", pdf_bytes())]})
    assert replay.status_code == 302
    assert snapshot(private_media) == before


def test_another_forces_ids(cheshire_client, merseyside, merseyside_officer, signatory, unchanged):
    merseyside_review = make_review(signatory, forces=[merseyside], slug="merseyside-only")
    unchanged()
    response = cheshire_client.post(
        upload_url(merseyside_review), {"documents": [upload("plan.pdf", pdf_bytes())], "form_token": uuid.uuid4()}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("pk", ["99999999999999999999", "0"])
def test_out_of_range_ids(cheshire_client, client, inspector, review, unchanged, pk):
    assert cheshire_client.get(f"/force/reviews/{pk}/").status_code == 404
    assert cheshire_client.get(f"/documents/{pk}/").status_code == 404


def inspector_post(client, inspector, url, data):
    client.force_login(inspector)
    return client.post(url, data)


def review_data(signatory, **changes):
    data = {
        "title": "A review",
        "request_date_0": "16",
        "request_date_1": "5",
        "request_date_2": "2017",
        "submission_deadline_0": "31",
        "submission_deadline_1": "5",
        "submission_deadline_2": "2017",
        "assessment_period": "June 2017",
        "lead_signatory": signatory.pk,
        "contact_name": "J",
        "contact_email": "j@example.org",
        "contact_phone": "1",
        "scope": "all",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"request_date_2": "99999"}, "Enter a real date"),
        ({"request_date_2": "1850"}, "Enter a year between 2000 and 2100"),
        ({"request_date_0": "32"}, "Enter a real date"),
        ({"request_date_1": "0"}, "Enter a real date"),
        ({"request_date_0": "1e3"}, "Enter a valid date"),
        ({"submission_deadline_0": "15"}, "on or after the request date"),
        ({"contact_email": "<script>@x"}, "Enter a valid email address"),
        ({"lead_signatory": "99999"}, "Select a valid choice"),
        ({"scope": "chosen", "chosen_forces": ["99999"]}, "Select a valid choice"),
        ({"slug": "../../etc"}, "Enter a valid"),
    ],
    ids=[
        "year 99999",
        "year 1850",
        "day 32",
        "month 0",
        "not a number",
        "deadline before request",
        "bad email",
        "unknown signatory",
        "unknown force",
        "slug with a path",
    ],
)
def test_hostile_review_form(client, inspector, signatory, forces, unchanged, changes, message):
    from tests.factories import make_recommendation

    recommendation = make_recommendation()
    unchanged()
    before = Review.objects.count()
    response = inspector_post(
        client,
        inspector,
        reverse("reviews:review-create", args=[recommendation.pk]),
        review_data(signatory, **changes),
    )
    assert message in response.content.decode()
    assert Review.objects.count() == before


def test_judgement_and_outcome_of_another_review(client, inspector, review, signatory, unchanged):
    other = make_review(signatory, slug="other")
    unchanged()
    data = {f"element_{e.pk}": other.elements.first().judgements.first().pk for e in review.elements.all()}
    data["outcome"] = other.outcome_categories.first().pk
    response = inspector_post(client, inspector, reverse("reviews:assessment", args=[review.pk, "cheshire"]), data)
    assert "Select a valid choice" in response.content.decode()


def test_extension_before_the_deadline_and_future_received_dates(client, inspector, review, unchanged):
    early = review.submission_deadline
    response = inspector_post(
        client,
        inspector,
        reverse("reviews:extension", args=[review.pk, "cheshire"]),
        {"new_deadline_0": early.day, "new_deadline_1": early.month, "new_deadline_2": early.year, "reason": "x"},
    )
    assert "must be after the review" in response.content.decode()
    response = client.post(
        reverse("reviews:submission-log", args=[review.pk, "cheshire"]),
        {
            "received_on_0": "1",
            "received_on_1": "1",
            "received_on_2": "2099",
            "form_token": uuid.uuid4(),
            "documents": [upload("plan.pdf", pdf_bytes())],
        },
    )
    assert "must be today or in the past" in response.content.decode()


@pytest.mark.parametrize(
    "body, message",
    [
        ("Dear ${force_name.__class__}", "write $$ for a dollar sign"),
        ("Dear $force_name, $__import__", "Unknown placeholder $__import__"),
        ("{{ settings.SECRET_KEY }} costs $5", "write $$ for a dollar sign"),
    ],
)
def test_hostile_letter_template(client, inspector, review, unchanged, body, message):
    response = inspector_post(
        client, inspector, reverse("letters:template", args=[review.pk]), {"heading": "H", "body": body}
    )
    assert message in response.content.decode()


def test_template_syntax_is_stored_as_typed_and_shown_literally(cheshire_client, review, private_media):
    note = "{{ settings.SECRET_KEY }} {% debug %} <script>alert(1)</script>"
    cheshire_client.post(
        upload_url(review),
        {"documents": [upload("plan.pdf", pdf_bytes())], "covering_note": note, "form_token": uuid.uuid4()},
    )
    assert Submission.objects.get().covering_note == note
    html = cheshire_client.get(upload_url(review)).content.decode()
    assert "{{ settings.SECRET_KEY }} {% debug %} &lt;script&gt;" in html


def test_recommendation_timescale_out_of_range(client, inspector, forces, unchanged):
    from tests.factories import make_recommendation

    report = make_recommendation().report
    unchanged()
    before = Recommendation.objects.count()
    response = inspector_post(
        client,
        inspector,
        reverse("recommendations:create"),
        {
            "reference": "r-1",
            "report": report.pk,
            "topic": Topic.objects.first().pk,
            "text": "t",
            "timescale": "months",
            "timescale_months": "-3",
            "applies_to_all_territorial_forces": "on",
        },
    )
    assert "Ensure this value is greater than or equal to 0" in response.content.decode()
    assert Recommendation.objects.count() == before


def test_sign_in_with_an_absurd_username(db, unchanged):
    response = Client().post(reverse("accounts:sign-in"), {"username": "x" * 10_000, "password": "y"})
    assert response.status_code == 200
    assert "Enter a username of 150 characters or fewer" in response.content.decode()


def test_a_full_disk_during_an_upload_leaves_nothing_and_says_so(cheshire_client, review, unchanged, monkeypatch):
    real_save, calls = FileSystemStorage._save, []

    def filling_up(storage, name, content):
        """The first document is written; the disk fills half way through the second, leaving part of it."""
        calls.append(name)
        if len(calls) == 1:
            return real_save(storage, name, content)
        Path(storage.path(name)).write_bytes(content.read()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", filling_up)
    documents = [upload("plan.pdf", pdf_bytes()), upload("annex.pdf", pdf_bytes(pages=3))]
    response = cheshire_client.post(upload_url(review), {"documents": documents, "form_token": uuid.uuid4()})
    assert response.status_code == 200
    html = response.content.decode()
    assert "could not store the documents just now (No space left on device), so nothing was received" in html
    assert len(calls) == 2  # the fault really happened, on the second file


@pytest.mark.parametrize("name", ["inspections:report-create", "inspections:topic-create"])
def test_an_empty_post_is_answered_with_errors_not_a_blank_form(client, inspector, forces, unchanged, name):
    client.force_login(inspector)
    response = client.post(reverse(name), {})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_an_empty_post_to_a_review_form_is_answered_with_errors(client, inspector, review, unchanged):
    client.force_login(inspector)
    for url in [
        reverse("reviews:element-create", args=[review.pk]),
        reverse("letters:template", args=[review.pk]),
        reverse("publications:schedule", args=[review.pk]),
    ]:
        response = client.post(url, {})
        assert response.status_code in (200, 302), url
        if response.status_code == 200:
            assert "There is a problem" in response.content.decode(), url


def test_a_full_disk_while_storing_evidence_leaves_no_update_and_no_file(
    review, cheshire_officer, unchanged, monkeypatch
):
    from recommendations.models import ProgressUpdate

    real_save, calls = FileSystemStorage._save, []

    def filling_up(storage, name, content):
        calls.append(name)
        if len(calls) == 1:
            return real_save(storage, name, content)
        Path(storage.path(name)).write_bytes(content.read()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", filling_up)
    client = Client()
    client.force_login(cheshire_officer)
    url = reverse("recommendations:liaison-recommendation", args=[review.recommendation.reference])
    unchanged()  # the officer's session is not what this test is about
    posted = {
        "form": "update",
        "text": "Policy and training records attached.",
        "claims_completion": "on",
        "documents": [upload("policy.pdf", pdf_bytes()), upload("training.pdf", pdf_bytes(pages=2))],
    }
    html = client.post(url, posted).content.decode()
    assert "could not store the evidence just now (No space left on device), so nothing was sent" in html
    assert len(calls) == 2 and not ProgressUpdate.objects.exists()
