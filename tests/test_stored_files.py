"""Issued PDFs, overviews, chasing letters, signatures and uploads live in storage, not in rows: never written over,
checked against their SHA-256 whenever they are served, answered with 304 when the client has them, and handed to the
front proxy when it is configured to send them."""

import hashlib
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils.module_loading import import_string
from storages.backends.s3boto3 import S3Boto3Storage

from accounts.demo import signature_png
from config.settings import file_storage
from core.files import file_read
from letters.models import Letter
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued


@pytest.fixture
def letter(review, cheshire, inspector, signatory):
    add_letter_template(review)
    signatory.signature.save("signature.png", ContentFile(signature_png()))
    return issued(review, cheshire, inspector, signatory)


def test_an_issued_letter_keeps_its_pdf_and_signature_in_storage_with_size_and_sha256(letter, private_media):
    pdf = (private_media / letter.pdf.name).read_bytes()
    assert pdf.startswith(b"%PDF") and (len(pdf), hashlib.sha256(pdf).hexdigest()) == (
        letter.pdf_size,
        letter.pdf_sha256,
    )
    signature = (private_media / letter.signature.name).read_bytes()
    assert signature == signature_png() and letter.signature_sha256 == hashlib.sha256(signature).hexdigest()
    assert letter.signature.name.startswith("letter/")  # a copy: a later signature leaves the letter's as it was
    assert letter.signature.name != letter.issued_by.signature.name


def test_storage_never_writes_over_a_file(private_media):
    first = default_storage.save("letter/issued.pdf", ContentFile(b"%PDF the issued letter"))
    second = default_storage.save("letter/issued.pdf", ContentFile(b"%PDF something else"))
    assert second != first
    assert (private_media / first).read_bytes() == b"%PDF the issued letter"


def test_an_issued_letters_file_reference_cannot_change(letter):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE letters_letter SET pdf = 'letter/other.pdf' WHERE id = %s", [letter.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE letters_letter SET signature = NULL WHERE id = %s", [letter.pk])
    assert Letter.objects.get(pk=letter.pk).pdf.name == letter.pdf.name


def test_an_altered_file_is_refused_and_logged_never_served(letter, private_media, inspector, client, caplog):
    (private_media / letter.pdf.name).write_bytes(b"%PDF-1.7 altered on disk")
    client.force_login(inspector)
    caplog.set_level(logging.INFO, logger="audit")
    response = client.get(reverse("letters:pdf", args=[letter.pk]))
    assert response.status_code == 500
    assert b"altered" not in response.content and "not the file the service stored" in response.content.decode()
    events = [record.audit for record in caplog.records if record.name == "audit"]
    assert [event["file"] for event in events if event["event"] == "file.altered"] == [letter.pdf.name]


def test_a_missing_file_is_refused(letter, private_media, inspector, client):
    (private_media / letter.pdf.name).unlink()
    client.force_login(inspector)
    assert client.get(reverse("letters:pdf", args=[letter.pk])).status_code == 500


def test_a_client_holding_the_file_gets_304_without_it_being_read(letter, inspector, client, monkeypatch):
    client.force_login(inspector)
    url = reverse("letters:pdf", args=[letter.pk])
    first = client.get(url)
    assert first["ETag"] == f'"{letter.pdf_sha256}"' and first.getvalue() == file_read(letter.pdf)
    monkeypatch.setattr(FileSystemStorage, "open", lambda *args, **kwargs: pytest.fail("the file was read"))
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == first["ETag"]


def test_the_front_proxy_can_send_the_file(letter, inspector, client, settings):
    settings.FILE_ACCEL_REDIRECT = "/protected-files/"
    client.force_login(inspector)
    response = client.get(reverse("letters:pdf", args=[letter.pk]))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-files/{letter.pdf.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="review-2017-cheshire-v1.pdf"'


def test_an_altered_upload_is_refused_too(review, cheshire, cheshire_officer, private_media, client):
    from core.documents import check_document
    from reviews.models import Document, Submission
    from reviews.services import create_submission
    from tests.factories import pdf_bytes, upload

    create_submission(
        review=review,
        force=cheshire,
        by=cheshire_officer,
        channel=Submission.Channel.UPLOAD,
        received_at=review.created_at,
        documents=[check_document(upload("plan.pdf", pdf_bytes()))],
        covering_note="",
    )
    document = Document.objects.get()
    client.force_login(cheshire_officer)
    url = reverse("reviews:document-download", args=[document.pk])
    assert client.get(url).getvalue() == pdf_bytes()
    assert client.get(url, headers={"If-None-Match": f'"{document.sha256}"'}).status_code == 304
    (private_media / document.file.name).write_bytes(b"%PDF-1.7 altered")
    assert client.get(url).status_code == 500


def test_files_go_to_a_private_bucket_when_configured(monkeypatch):
    monkeypatch.setenv("FILE_STORAGE", "s3")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "tracker-files")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://objects.example.org")
    config = file_storage()
    storage = import_string(config["BACKEND"])(**config["OPTIONS"])  # no request is made until a file is
    assert isinstance(storage, S3Boto3Storage)
    assert (storage.bucket_name, storage.endpoint_url) == ("tracker-files", "https://objects.example.org")
    assert storage.file_overwrite is False and storage.default_acl == "private" and storage.querystring_auth


def test_files_stay_on_disk_by_default_and_a_bad_choice_is_refused(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    assert storages["default"].__class__.__name__ == "FileSystemStorage"
    assert storages["default"]._allow_overwrite is False
    monkeypatch.setenv("FILE_STORAGE", "s3")
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        file_storage()
    monkeypatch.setenv("FILE_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="filesystem or s3"):
        file_storage()
