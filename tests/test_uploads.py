"""Liaison officers' uploads: good documents are kept; every bad one is refused and changes nothing."""

import datetime
import hashlib
import uuid
import zipfile

import pytest
from django.core import mail
from django.urls import reverse

from outbox.models import Delivery
from outbox.sending import deliveries_send_due
from reviews.models import Document, Extension, Submission
from tests.conftest import stored_files
from tests.factories import DOCM_MAIN, docx_bytes, make_review, pdf_bytes, raw_multipart, upload


def upload_url(review):
    return reverse("reviews:liaison-review", args=[review.pk])


def post_files(client, review, files, note="", token=None):
    data = {"documents": files, "covering_note": note, "form_token": token or str(uuid.uuid4())}
    return client.post(upload_url(review), data)


def post_raw(client, review, files, note=""):
    fields = {"covering_note": note, "form_token": str(uuid.uuid4())}
    body, content_type = raw_multipart(fields, [("documents", n, c) for n, c in files])
    return client.post(upload_url(review), data=body, content_type=content_type)


def assert_nothing_changed(media_root):
    assert Submission.objects.count() == 0
    assert Document.objects.count() == 0
    assert stored_files(media_root) == [] if media_root.exists() else True
    assert Delivery.objects.count() == 0
    assert mail.outbox == []


@pytest.fixture
def cheshire_client(client, cheshire_officer):
    client.force_login(cheshire_officer)
    return client


def test_pdf_and_docx_are_kept_with_their_hash_and_a_receipt(cheshire_client, review, private_media):
    pdf, docx = pdf_bytes(), docx_bytes()
    files = [upload("Plan.pdf", pdf), upload("Plan.docx", docx)]
    response = post_files(cheshire_client, review, files, "Our plan")
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.force.slug == "cheshire"
    assert submission.channel == Submission.Channel.UPLOAD
    assert submission.covering_note == "Our plan"
    documents = list(submission.documents.order_by("kind"))
    assert [d.original_name for d in documents] == ["Plan.docx", "Plan.pdf"]
    assert [d.kind for d in documents] == ["docx", "pdf"]
    assert documents[1].sha256 == hashlib.sha256(pdf).hexdigest()
    # Stored under generated names, never the client's.
    assert all(d.file.name.startswith("documents/") and "Plan" not in d.file.name for d in documents)
    assert len(stored_files(private_media)) == 2
    assert Delivery.objects.about(submission).get().to == ["cheshire@example.org"]
    deliveries_send_due()
    assert len(mail.outbox) == 1
    assert "Receipt" in mail.outbox[0].subject
    assert "Plan.pdf" in mail.outbox[0].body
    assert mail.outbox[0].to == ["cheshire@example.org"]


BAD_FILES = [
    ("an executable renamed .pdf", "plan.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "is not a PDF"),
    ("HTML renamed .pdf", "plan.pdf", b"<html><script>alert(1)</script></html>", "is not a PDF"),
    (
        "a PDF header followed by HTML",
        "plan.pdf",
        b"%PDF-1.7\n<html><script>alert(1)</script></html>",
        "could not be read as a PDF",
    ),
    ("an empty file", "plan.pdf", b"", "is empty"),
    ("a .docm", "plan.docm", docx_bytes(main=DOCM_MAIN), "with macros (.docm)"),
    ("macros inside a .docx", "plan.docx", docx_bytes(main=DOCM_MAIN), "contains macros"),
    ("a zip that is not a Word document", "plan.docx", docx_bytes()[:0] + b"PK\x03\x04broken", "not a Word document"),
    ("a text file", "plan.txt", b"hello", "must be a PDF or a Word document"),
    ("a PDF named .docx", "plan.docx", pdf_bytes(), "not a Word document"),
]


@pytest.mark.parametrize("name, content, message", [case[1:] for case in BAD_FILES], ids=[c[0] for c in BAD_FILES])
def test_bad_file_is_refused_and_changes_nothing(cheshire_client, review, private_media, name, content, message):
    response = post_files(cheshire_client, review, [upload(name, content)])
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert_nothing_changed(private_media)


def test_one_bad_file_among_good_ones_keeps_none(cheshire_client, review, private_media):
    files = [upload("good.pdf", pdf_bytes()), upload("bad.pdf", b"<html></html>")]
    response = post_files(cheshire_client, review, files)
    assert "bad.pdf is not a PDF" in response.content.decode()
    assert_nothing_changed(private_media)


def test_file_over_20_mb_is_refused(cheshire_client, review, private_media):
    big = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    response = post_files(cheshire_client, review, [upload("big.pdf", big)])
    assert "must be smaller than 20MB" in response.content.decode()
    assert_nothing_changed(private_media)


def test_docx_that_expands_past_the_cap_is_refused(cheshire_client, review, private_media, tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/filler.bin", "w", force_zip64=True) as filler:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(210):
                filler.write(chunk)
    assert bomb.stat().st_size < 1024 * 1024  # a small file that declares 210MB
    response = post_files(cheshire_client, review, [upload("plan.docx", bomb.read_bytes())])
    assert "expands to more than 200MB" in response.content.decode()
    assert_nothing_changed(private_media)


@pytest.mark.parametrize(
    "name, message",
    [
        ("../../etc/plan.pdf", "must not contain a folder path"),
        ("..\\..\\plan.pdf", "must not contain a folder path"),
        ("plan\x00.pdf", "control characters"),
        ("plan\x1b[31m.pdf", "control characters"),
        ("p" * 296 + ".pdf", "must be 200 characters or fewer"),
    ],
    ids=["dot-dot-slash", "backslashes", "NUL", "escape sequence", "300 characters"],
)
def test_crafted_file_names_are_refused(cheshire_client, review, private_media, name, message):
    response = post_raw(cheshire_client, review, [(name, pdf_bytes())])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert_nothing_changed(private_media)


def test_no_file_selected(cheshire_client, review, private_media):
    response = cheshire_client.post(
        upload_url(review), {"covering_note": "nothing attached", "form_token": uuid.uuid4()}
    )
    assert "Select at least one document" in response.content.decode()
    assert_nothing_changed(private_media)


def test_upload_after_the_deadline_is_refused(cheshire_client, forces, signatory, private_media):
    past = make_review(signatory, slug="past", days_left=-1)
    response = post_files(cheshire_client, past, [upload("plan.pdf", pdf_bytes())])
    assert response.status_code == 200
    assert "can no longer be uploaded" in response.content.decode()
    assert_nothing_changed(private_media)


def test_an_extension_reopens_uploads(cheshire_client, cheshire, inspector, forces, signatory, private_media):
    past = make_review(signatory, slug="past", days_left=-1)
    Extension.objects.create(
        review=past,
        force=cheshire,
        new_deadline=past.submission_deadline + datetime.timedelta(days=7),
        reason="Chief officer's approval delayed",
        granted_by=inspector,
    )
    response = post_files(cheshire_client, past, [upload("plan.pdf", pdf_bytes())])
    assert response.status_code == 302
    assert Submission.objects.get().force == cheshire


def test_liaison_officer_posting_to_another_forces_review_gets_404(
    cheshire_client, merseyside, signatory, private_media
):
    merseyside_only = make_review(signatory, forces=[merseyside], slug="merseyside-only")
    response = post_files(cheshire_client, merseyside_only, [upload("plan.pdf", pdf_bytes())])
    assert response.status_code == 404
    assert_nothing_changed(private_media)


def test_the_same_form_posted_twice_keeps_one_submission(cheshire_client, review, private_media):
    token = str(uuid.uuid4())
    first = post_files(cheshire_client, review, [upload("plan.pdf", pdf_bytes())], token=token)
    again = post_files(cheshire_client, review, [upload("plan.pdf", pdf_bytes())], token=token)
    assert first.status_code == again.status_code == 302
    assert Submission.objects.count() == Document.objects.count() == 1
    assert len(stored_files(private_media)) == 1
    page = cheshire_client.get(again["Location"]).content.decode()
    assert "had already been received" in page


def test_a_form_without_its_token_has_expired(cheshire_client, review, private_media):
    response = cheshire_client.post(upload_url(review), {"documents": [upload("plan.pdf", pdf_bytes())]})
    assert "This form has expired" in response.content.decode()
    assert_nothing_changed(private_media)


def test_a_form_error_says_the_chosen_file_was_not_kept(cheshire_client, review, private_media):
    response = post_files(cheshire_client, review, [upload("plan.pdf", pdf_bytes())], note="n" * 5001)
    html = response.content.decode()
    assert "Ensure this value has at most 5000 characters" in html
    assert "The file you chose was not kept: choose it again" in html
    assert_nothing_changed(private_media)


def test_a_bad_file_among_several_says_none_was_kept(cheshire_client, review, private_media):
    files = [upload("good.pdf", pdf_bytes()), upload("bad.pdf", b"<html></html>")]
    html = post_files(cheshire_client, review, files).content.decode()
    assert "The 2 files you chose were not kept: choose them again" in html


def test_no_file_chosen_says_nothing_about_files_kept(cheshire_client, review, private_media):
    html = post_files(cheshire_client, review, [], note="n" * 5001).content.decode()
    assert "not kept" not in html


def test_the_inspector_log_form_says_the_chosen_file_was_not_kept(client, inspector, review, private_media):
    client.force_login(inspector)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = client.post(
        reverse("reviews:submission-log", args=[review.pk, "cheshire"]),
        {
            "received_on_0": tomorrow.day,
            "received_on_1": tomorrow.month,
            "received_on_2": tomorrow.year,
            "documents": [upload("emailed plan.pdf", pdf_bytes())],
            "form_token": str(uuid.uuid4()),
        },
    )
    html = response.content.decode()
    assert "The date received must be today or in the past" in html
    assert "The file you chose was not kept: choose it again" in html
    assert_nothing_changed(private_media)
