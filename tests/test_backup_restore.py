"""Backup and restore as the README describes: every issued letter comes back, its restored file matching the
SHA-256 in the restored database."""

import hashlib
import os
import sqlite3
import subprocess
import tarfile
import uuid

import pytest
from django.db import connection

from core.documents import check_document
from letters.models import Letter
from reviews.models import Document, Submission
from reviews.services import create_submission
from tests.factories import pdf_bytes, upload
from tests.letter_helpers import add_letter_template
from tests.publication_helpers import issued


@pytest.fixture
def issued_letters(transactional_letters, review, merseyside, cheshire, inspector, signatory, cheshire_officer):
    add_letter_template(review)
    create_submission(
        review=review,
        force=cheshire,
        by=cheshire_officer,
        channel=Submission.Channel.UPLOAD,
        received_at=review.created_at,
        documents=[check_document(upload("plan.pdf", pdf_bytes(3)))],
        covering_note="",
    )
    return [issued(review, force, inspector, signatory) for force in (merseyside, cheshire)]


def postgres_environment(settings_dict):
    env = {**os.environ, "PGHOST": settings_dict["HOST"] or "localhost", "PGUSER": settings_dict["USER"]}
    if settings_dict["PORT"]:
        env["PGPORT"] = str(settings_dict["PORT"])
    if settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def restored_letters_postgresql(tmp_path):
    """pg_dump --format=custom, then pg_restore into a new, empty database."""
    settings_dict = connection.settings_dict
    env = postgres_environment(settings_dict)
    dump = tmp_path / "tracker.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", settings_dict["NAME"]], env=env, check=True)
    target = f"restore_{uuid.uuid4().hex[:12]}"
    subprocess.run(["createdb", target], env=env, check=True)
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={target}", str(dump)], env=env, check=True)
        result = subprocess.run(
            [
                "psql",
                "--no-align",
                "--tuples-only",
                "--dbname",
                target,
                "--command",
                "SELECT pdf || ' ' || pdf_sha256 FROM letters_letter WHERE state = 'issued'",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        return [tuple(line.split()) for line in result.stdout.split("\n") if line]
    finally:
        subprocess.run(["dropdb", target], env=env, check=True)


def restored_letters_sqlite(tmp_path):
    """sqlite3's online backup (what `sqlite3 var/db.sqlite3 ".backup backup.sqlite3"` does)."""
    backup = tmp_path / "backup.sqlite3"
    with sqlite3.connect(backup) as target:
        connection.connection.backup(target)
    with sqlite3.connect(backup) as restored:
        rows = restored.execute("SELECT pdf, pdf_sha256 FROM letters_letter WHERE state = 'issued'").fetchall()
    return list(rows)


def restored_files(media_root, tmp_path):
    archive = tmp_path / "documents.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:  # tar -czf documents.tar.gz -C "$MEDIA_ROOT" .
        tar.add(media_root, arcname=".")
    restored = tmp_path / "restored-media"
    with tarfile.open(archive) as tar:
        tar.extractall(restored, filter="data")
    return restored


def test_restored_database_and_files_hold_every_issued_letter_intact(issued_letters, private_media, tmp_path):
    restore = restored_letters_postgresql if connection.vendor == "postgresql" else restored_letters_sqlite
    restored = restore(tmp_path)
    files = restored_files(private_media, tmp_path)
    assert len(restored) == len(issued_letters) == Letter.objects.filter(state=Letter.State.ISSUED).count()
    assert sorted(sha for _, sha in restored) == sorted(letter.pdf_sha256 for letter in issued_letters)
    for name, sha in restored:
        assert hashlib.sha256((files / name).read_bytes()).hexdigest() == sha


def test_documents_store_archive_restores_every_document(issued_letters, private_media, tmp_path):
    restored = restored_files(private_media, tmp_path)
    documents = list(Document.objects.all())
    assert documents
    for document in documents:
        assert hashlib.sha256((restored / document.file.name).read_bytes()).hexdigest() == document.sha256
