"""Production settings pass Django's deployment checks; every response carries the security headers."""

import json
import secrets

import pytest
from django.urls import reverse

from core.documents import check_document
from reviews.models import Submission
from reviews.services import create_submission
from tests.factories import pdf_bytes, upload
from tests.test_settings import manage

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "tracker.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://tracker.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "SITE_URL": "https://tracker.example.org",
}


def test_deploy_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_write_mail_to_files_unless_told_to():
    without_smtp = {key: value for key, value in PRODUCTION.items() if key != "EMAIL_HOST"}
    refused = manage("check", **without_smtp)
    assert refused.returncode != 0
    assert "EMAIL_HOST is not set" in refused.stderr and "EMAIL_TO_FILES=1" in refused.stderr

    assert manage("check", EMAIL_TO_FILES="1", **without_smtp).returncode == 0
    reported = manage("check", "--deploy", "--fail-level", "WARNING", EMAIL_TO_FILES="1", **without_smtp)
    assert reported.returncode != 0
    assert "outbox.W001" in reported.stderr and "not sent" in reported.stderr

    both = manage("check", EMAIL_TO_FILES="1", **PRODUCTION)
    assert both.returncode != 0 and "EMAIL_HOST and EMAIL_TO_FILES are both set" in both.stderr


def test_production_cookies_and_transport():
    script = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in ["
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY',"
        "'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS']}))"
    )
    result = manage("shell", "-c", script, **PRODUCTION)
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
    }


def assert_csp(response):
    policy = response["Content-Security-Policy"]
    for directive in ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"]:
        assert directive in policy, (directive, policy)
    assert "unsafe-inline" not in policy


def test_csp_on_html_error_and_download_responses(client, review, cheshire, cheshire_officer):
    submission = create_submission(
        review=review,
        force=cheshire,
        by=cheshire_officer,
        channel=Submission.Channel.UPLOAD,
        received_at=review.created_at,
        documents=[check_document(upload("plan.pdf", pdf_bytes()))],
        covering_note="",
    )
    assert_csp(client.get(reverse("home")))
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404
    assert_csp(missing)
    assert_csp(client.get(reverse("publications:letters-csv")))
    client.force_login(cheshire_officer)
    download = client.get(reverse("reviews:document-download", args=[submission.documents.get().pk]))
    assert download.status_code == 200
    assert_csp(download)
    assert_csp(client.get(reverse("reviews:dashboard")))  # 403


@pytest.mark.parametrize("secure", [True])
def test_hsts_header_when_served_over_https(client, db, settings, secure):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get(reverse("home"), secure=secure)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
