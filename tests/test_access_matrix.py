"""The access matrix: every URL in the URLconf, for every role. A URL missing from the table fails.

Roles: anonymous; inspector; signatory; the liaison officer of the object's force (Cheshire); a liaison
officer of another force (Merseyside). Objects of another force are not found (404).
"""

import datetime
import re

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.documents import check_document
from core.files import file_write
from forces.models import OfficeHolder
from governance.services import section55_submit
from inspections.models import InspectionReport
from letters.accuracy import accuracy_comment_add
from letters.models import BulkJob, ChaseLetter
from outbox.models import Delivery
from recommendations.services import action_add, progress_update_add
from reviews.models import Qualifier, Submission
from reviews.services import create_submission
from subscriptions.services import subscription_request
from tests.accuracy_helpers import checked_letter
from tests.conftest import VerifiedClient
from tests.factories import make_review, pdf_bytes, upload
from tests.letter_helpers import add_letter_template, draft
from tests.publication_helpers import issued, publish

ROLES = ["anonymous", "inspector", "signatory", "own_officer", "other_officer", "governance"]
PUBLIC = dict.fromkeys(ROLES, 200)
STAFF = {
    "anonymous": 302,
    "inspector": 200,
    "signatory": 200,
    "own_officer": 403,
    "other_officer": 403,
    "governance": 403,
}
POST_ONLY = dict.fromkeys(ROLES, 405)
SIGNATORY = {
    "anonymous": 302,
    "inspector": 403,
    "signatory": 200,
    "own_officer": 403,
    "other_officer": 403,
    "governance": 403,
}


def only(**statuses):
    return {**dict.fromkeys(ROLES, None), **statuses}


def expected_status(expected, role):
    """A role's expected status. Cheshire's governance body (PCC), where not given, is answered as a
    signed-in user of no other role: public pages open, a force's liaison pages and staff pages refused,
    the admin sending it to sign in."""
    if role != "governance" or expected.get(role) is not None:
        return expected[role]
    if expected["anonymous"] == 200:
        return 200
    own = expected["own_officer"]
    return 403 if own in (200, 404) else own


# name -> (arguments from the world, expected GET status per role)
EXPECTED = {
    "home": ([], PUBLIC),
    "landing": ([], dict.fromkeys(ROLES, 302)),
    "admin-sign-in": ([], only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403)),
    "accessibility": ([], PUBLIC),
    "accounts:sign-in": (
        [],
        only(anonymous=200, inspector=302, signatory=302, own_officer=302, other_officer=302, governance=302),
    ),
    "accounts:sign-out": ([], POST_ONLY),
    "accounts:two-factor": ([], only(anonymous=302, inspector=200, signatory=200, own_officer=403, other_officer=403)),
    "accounts:two-factor-setup": (
        [],
        only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    ),
    "accounts:two-factor-qr": (
        [],
        only(anonymous=302, inspector=404, signatory=404, own_officer=403, other_officer=403),
    ),
    "forces:list": ([], PUBLIC),
    "forces:detail": (["cheshire_slug"], PUBLIC),
    "inspections:report-list": ([], STAFF),
    "inspections:report-create": ([], STAFF),
    "inspections:report-detail": (["report"], STAFF),
    "inspections:report-edit": (["report"], STAFF),
    "inspections:cause-create": (["report"], STAFF),
    "inspections:cause-edit": (["cause"], STAFF),
    "inspections:topic-list": ([], STAFF),
    "inspections:topic-create": ([], STAFF),
    "inspections:topic-edit": (["topic"], STAFF),
    "inspections:topic-rename": (["topic"], STAFF),
    "inspections:office-holders": ([], STAFF),
    "inspections:force-office-holders": (["cheshire_slug"], STAFF),
    "inspections:office-holder-create": (["cheshire_slug"], STAFF),
    "inspections:office-holder-edit": (["office_holder"], STAFF),
    "inspections:office-holder-end": (["office_holder"], STAFF),
    "reviews:dashboard": ([], STAFF),
    "governance:body-home": (
        [],
        only(anonymous=302, inspector=403, signatory=403, own_officer=403, other_officer=403, governance=200),
    ),
    "governance:body-report": (
        ["cheshire_report"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=403, other_officer=403, governance=200),
    ),
    "governance:responses-due": ([], STAFF),
    "recommendations:list": ([], STAFF),
    "recommendations:create": ([], STAFF),
    "recommendations:import": ([], STAFF),
    "recommendations:import-confirm": ([], POST_ONLY),
    "recommendations:import-template": ([], STAFF),
    "recommendations:detail": (["recommendation"], STAFF),
    "recommendations:register": (["recommendation"], STAFF),
    "recommendations:force-register": (["recommendation", "cheshire_slug"], STAFF),
    "recommendations:edit": (["recommendation"], STAFF),
    "recommendations:claim-decision": (["claim"], POST_ONLY),
    "recommendations:register-list": ([], STAFF),
    "recommendations:claims": ([], STAFF),
    "recommendations:force-overview": (["cheshire_slug"], STAFF),
    "recommendations:evidence": (
        ["evidence"],
        only(anonymous=302, inspector=200, signatory=200, own_officer=200, other_officer=404),
    ),
    "recommendations:liaison-register": (
        [],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=200),
    ),
    # By reference, each officer reads their own force's entry: Merseyside's, for the Merseyside officer.
    "recommendations:liaison-recommendation": (
        ["reference"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=200),
    ),
    "recommendations:liaison-revise": (
        ["action"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=404),
    ),
    "reviews:review-create": (["recommendation"], STAFF),
    "reviews:review-detail": (["review"], STAFF),
    "reviews:review-framework": (["review"], STAFF),
    "reviews:element-create": (["review"], STAFF),
    "reviews:element-edit": (["element"], STAFF),
    "reviews:outcome-create": (["review"], STAFF),
    "reviews:outcome-edit": (["outcome"], STAFF),
    "reviews:qualifier-create": (["review"], STAFF),
    "reviews:qualifier-edit": (["qualifier"], STAFF),
    "reviews:force-in-review": (["review", "cheshire_slug"], STAFF),
    "reviews:submission-log": (["review", "cheshire_slug"], STAFF),
    "reviews:extension": (["review", "cheshire_slug"], STAFF),
    "reviews:assessment": (["review", "cheshire_slug"], STAFF),
    "reviews:reopen-uploads": (["review", "cheshire_slug"], STAFF),
    "reviews:document-download": (
        ["document"],
        only(anonymous=302, inspector=200, signatory=200, own_officer=200, other_officer=404),
    ),
    "reviews:liaison-home": (
        [],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=200),
    ),
    "reviews:liaison-review": (
        ["cheshire_only_review"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=404),
    ),
    "letters:template": (["review"], STAFF),
    "letters:sentence": (["judgement"], STAFF),
    "letters:grouped-sentences": (["review"], STAFF),
    "letters:paragraph": (["outcome"], STAFF),
    "letters:create": (["review", "cheshire_slug"], POST_ONLY),
    "letters:draft-all": (["review"], POST_ONLY),
    "letters:issue-all": (["review"], SIGNATORY),
    "letters:job": (["job"], STAFF),
    "letters:chase-all": (["review"], POST_ONLY),
    "letters:chase-send-all": (["review"], POST_ONLY),
    "letters:chase-template": (["review"], STAFF),
    "letters:chase": (["chase_letter"], STAFF),
    "letters:chase-pdf": (["chase_letter"], STAFF),
    "letters:chase-send": (["chase_letter"], POST_ONLY),
    "letters:job-progress": (["job"], STAFF),
    "letters:detail": (["letter"], STAFF),
    "letters:edit": (["draft_letter"], STAFF),
    "letters:preview": (["draft_letter"], POST_ONLY),
    "letters:pdf": (["letter"], STAFF),
    "letters:approve": (["draft_letter"], POST_ONLY),
    "letters:issue": (["approved_letter"], SIGNATORY),
    "letters:correct": (["letter"], POST_ONLY),
    "outbox:resend": (["delivery"], POST_ONLY),
    "letters:liaison-pdf": (
        ["letter"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=404),
    ),
    "letters:accuracy-rule": (["review"], POST_ONLY),
    "letters:accuracy": (["accuracy_check"], STAFF),
    "letters:accuracy-sign-off": (["accuracy_check"], POST_ONLY),
    "letters:accuracy-reply": (["accuracy_comment"], STAFF),
    "letters:liaison-accuracy": (
        ["accuracy_check"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=404),
    ),
    "letters:liaison-accuracy-comment": (
        ["accuracy_check", "paragraph"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=404),
    ),
    "letters:liaison-accuracy-pdf": (
        ["accuracy_check"],
        only(anonymous=302, inspector=403, signatory=403, own_officer=200, other_officer=404),
    ),
    "letters:accuracy-evidence": (
        ["accuracy_evidence"],
        only(anonymous=302, inspector=200, signatory=200, own_officer=200, other_officer=404),
    ),
    "publications:letters": ([], PUBLIC),
    "publications:letter": (["review_slug", "cheshire_slug"], PUBLIC),
    "publications:letter-pdf": (["review_slug", "cheshire_slug"], PUBLIC),
    "publications:letter-version": (["review_slug", "cheshire_slug", "version"], PUBLIC),
    "publications:letter-version-pdf": (["review_slug", "cheshire_slug", "version"], PUBLIC),
    "publications:review": (["review_slug"], PUBLIC),
    "publications:overview-pdf": (["review_slug"], PUBLIC),
    "publications:recommendation": (["reference"], PUBLIC),
    "publications:data": ([], PUBLIC),
    "publications:responses": ([], PUBLIC),
    "publications:response": (["cheshire_report", "cheshire_slug"], PUBLIC),
    "publications:response-document": (["response_document"], PUBLIC),
    "publications:letters-csv": ([], PUBLIC),
    "publications:letters-json": ([], PUBLIC),
    "publications:feed": ([], PUBLIC),
    "publications:recommendation-force": (["reference", "cheshire_slug"], PUBLIC),
    "publications:register": ([], PUBLIC),
    "publications:register-feed": ([], PUBLIC),
    "publications:register-recommendations-csv": ([], PUBLIC),
    "publications:register-recommendations-json": ([], PUBLIC),
    "publications:register-statuses-csv": ([], PUBLIC),
    "publications:register-statuses-json": ([], PUBLIC),
    "forces:register": (["cheshire_slug"], PUBLIC),
    # The register's API (django-ninja, app namespace "ninja"): its home leads to the OpenAPI description.
    "ninja:api-root": ([], dict.fromkeys(ROLES, 302)),
    "ninja:openapi-json": ([], PUBLIC),
    "ninja:recommendations": ([], PUBLIC),
    "ninja:recommendation": (["reference"], PUBLIC),
    "ninja:statuses": ([], PUBLIC),
    # Subscribing: /subscribe/ names nothing to follow (the public pages link to ?force=..., ?topic=...).
    "subscriptions:subscribe": ([], dict.fromkeys(ROLES, 404)),
    "subscriptions:check-email": ([], PUBLIC),
    "subscriptions:confirm": (["subscription_token"], PUBLIC),
    "subscriptions:unsubscribe": (["subscription_token"], PUBLIC),
    "publications:manage": (["review"], STAFF),
    "publications:schedule": (["review"], STAFF),
    "publications:withdraw": (["published_entry"], STAFF),
}

# The actions that answer only a POST: what each role gets for an empty one. Roles who may not act are
# refused (sign-in for the anonymous, 403 for other roles); those who may get the page's answer (a
# redirect with a message, or the preview), and nothing is done that the post did not ask for.
POSTED = {
    "letters:create": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "letters:draft-all": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "letters:preview": only(anonymous=302, inspector=200, signatory=200, own_officer=403, other_officer=403),
    "letters:approve": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "letters:correct": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    # No force of the world's review is overdue: each is refused with a message on the review or letter page.
    "letters:chase-all": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "letters:chase-send-all": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "letters:chase-send": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "outbox:resend": only(anonymous=302, inspector=403, signatory=302, own_officer=403, other_officer=403),
    # An empty rule form is refused with a message; signing off a reply with a comment unanswered is refused.
    "letters:accuracy-rule": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "letters:accuracy-sign-off": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "recommendations:claim-decision": only(
        anonymous=302, inspector=200, signatory=200, own_officer=403, other_officer=403
    ),
    # An empty confirmation is no previewed file: the import page again, saying so.
    "recommendations:import-confirm": only(
        anonymous=302, inspector=200, signatory=200, own_officer=403, other_officer=403
    ),
}
# Roles in the order they post: those refused first, so that what the others do cannot change their answer.
POSTING_ORDER = ["anonymous", "governance", "own_officer", "other_officer", "inspector", "signatory"]

# The admin (reference data): staff only, and each model only with its permission. Inspectors may view
# and change forces; everything else there is for superusers.
ADMIN_STAFF_200 = {
    "admin:index",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
    "admin:forces_force_changelist",
    "admin:forces_force_change",
    "admin:forces_force_history",
}
ADMIN_SPECIAL = {
    # The admin signs in through the service's sign-in page (config.views.admin_sign_in).
    "admin:login": only(anonymous=302, inspector=302, signatory=302, own_officer=403, other_officer=403),
    "admin:logout": only(anonymous=302, inspector=405, signatory=405, own_officer=302, other_officer=302),
    "admin:app_list": only(anonymous=302, inspector=200, signatory=200, own_officer=302, other_officer=302),
    "admin:view_on_site": only(anonymous=302, inspector=302, signatory=302, own_officer=302, other_officer=302),
    "admin:autocomplete": only(anonymous=302, inspector=403, signatory=403, own_officer=302, other_officer=302),
}


def admin_expected(name):
    if name.startswith("admin/") and "(?P<url>" in name:  # the catch-all: not found, for staff
        return only(anonymous=302, inspector=404, signatory=404, own_officer=302, other_officer=302)
    if name.startswith("admin/"):  # unnamed: a redirect to the change page, whoever asks
        return dict.fromkeys(ROLES, 302)
    if name in ADMIN_SPECIAL:
        return ADMIN_SPECIAL[name]
    staff = 200 if name in ADMIN_STAFF_200 else 403
    return only(anonymous=302, inspector=staff, signatory=staff, own_officer=302, other_officer=302)


def url_names(patterns=None, namespace=None, prefix=""):
    """Every URL of the URLconf, walked recursively: its name (or, unnamed, its route) and its pattern."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.app_name or pattern.namespace])) or None
            yield from url_names(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = (f"{namespace}:{pattern.name}" if namespace else pattern.name) if pattern.name else route
            yield name, pattern


def unnamed_admin_url(route):
    """The admin's unnamed routes: '<app>/<model>/<id>/' redirects to the change page; the catch-all."""
    if "(?P<url>" in route:
        return "/admin/no-such-page/"
    return "/" + route.replace("<path:object_id>", "1")


def admin_url(name, pattern, world):
    """Admin URLs need the model's objects: the force, the user, and so on."""
    if not pattern.name:
        return unnamed_admin_url(name)
    route = str(pattern.pattern)
    kwargs = {}
    for argument in ("object_id", "pk", "id"):
        if re.search(rf"<(\w+:)?{argument}>", route) and name != "admin:view_on_site":
            model_admin = getattr(pattern.callback, "model_admin", None) or admin_site._registry[TOTPDevice]
            instance = model_admin.model.objects.first()
            kwargs[argument] = instance.pk if instance else 1
    if name == "admin:app_list":
        kwargs["app_label"] = "forces"
    if name == "admin:view_on_site":
        from django.contrib.contenttypes.models import ContentType

        force = world["cheshire"]
        kwargs = {"content_type_id": ContentType.objects.get_for_model(force).pk, "object_id": force.pk}
    return reverse(name, kwargs=kwargs)


@pytest.fixture
def world(
    forces, review, cheshire, merseyside, kent, inspector, signatory, cheshire_officer, merseyside_officer, cheshire_pcc
):
    add_letter_template(review)
    submission = create_submission(
        review=review,
        force=cheshire,
        by=cheshire_officer,
        channel=Submission.Channel.UPLOAD,
        received_at=timezone.now(),
        documents=[check_document(upload("plan.pdf", pdf_bytes()))],
        covering_note="",
    )
    letter = issued(review, cheshire, inspector, signatory)
    publication = publish(review, [letter], inspector, timezone.now() - datetime.timedelta(hours=1))
    # Issued, not yet published: the schedule form has work.
    issued(review, review.forces.exclude(pk__in=[cheshire.pk, merseyside.pk, kent.pk]).first(), inspector, signatory)
    element = review.elements.first()
    admin_objects(inspector)
    return {
        "cheshire": cheshire,
        "cheshire_slug": "cheshire",
        "review": review.pk,
        "review_slug": review.slug,
        "report": review.recommendation.report.pk,
        "cause": review.recommendation.cause_of_concern.pk,
        "topic": review.recommendation.topic.pk,
        "recommendation": review.recommendation.pk,
        "reference": review.recommendation.reference,
        "element": element.pk,
        "judgement": element.judgements.first().pk,
        "outcome": review.outcome_categories.first().pk,
        "qualifier": Qualifier.objects.create(review=review, phrase="comprehensive").pk,
        "document": submission.documents.get().pk,
        "letter": letter.pk,
        "delivery": Delivery.objects.about(letter).get().pk,
        "version": letter.version,
        "draft_letter": draft(review, kent, inspector).pk,
        "approved_letter": draft(review, merseyside, inspector, approve=True).pk,
        "job": BulkJob.objects.create(review=review, kind=BulkJob.Kind.DRAFT, started_by=inspector).pk,
        "chase_letter": chase_letter(review, kent, inspector).pk,
        "published_entry": publication.letters.get().pk,
        "cheshire_only_review": make_review(signatory, forces=[cheshire], slug="cheshire-only").pk,
        "office_holder": office_holder(cheshire).pk,
        "subscription_token": subscription_request(email="reader@example.org", force=cheshire).token,
        **register_objects(review.recommendation, cheshire, cheshire_officer),
        **accuracy_objects(signatory, inspector, cheshire, cheshire_officer),
        **section55_objects(cheshire, cheshire_pcc),
    }


def chase_letter(review, force, by):
    """A drafted chasing letter (made directly: no force of the world's review is overdue)."""
    chase = ChaseLetter(
        review=review,
        force=force,
        deadline=review.submission_deadline,
        heading="Late plans",
        body="Your plans are late.",
        letter_date=timezone.localdate(),
        drafted_by=by,
    )
    chase.pdf_size, chase.pdf_sha256 = file_write(chase.pdf, pdf_bytes(), "chasing-letter.pdf")
    chase.save()
    return chase


def section55_objects(force, body):
    """A report on Cheshire its governance body has yet to answer, and one it answered with a document."""
    report, answered = (
        InspectionReport.objects.create(title=title, published_on=datetime.date(2026, 1, 5), scope="force", force=force)
        for title in ("Custody inspection: Cheshire", "Vetting inspection: Cheshire")
    )
    response = section55_submit(
        report=answered,
        by=body,
        chief_officer_comments="Noted.",
        response="We accept the report.",
        answers={},
        documents=[check_document(upload("response.pdf", pdf_bytes()))],
    )
    return {"cheshire_report": report.pk, "response_document": response.documents.get().pk}


def office_holder(force):
    """An open term, so that its page offers to end it."""
    return OfficeHolder.objects.create(
        force=force, office=OfficeHolder.Office.CHIEF_OFFICER, name="Mark Roberts", started_on=datetime.date(2021, 1, 1)
    )


def accuracy_objects(signatory, inspector, force, officer):
    """A factual-accuracy check of a Cheshire letter, open, with a comment and its evidence."""
    review = make_review(signatory, forces=[force], slug="accuracy-checked")
    check = checked_letter(review, force, inspector).accuracy_check
    comment = accuracy_comment_add(
        check=check,
        paragraph=1,
        text="A fact to correct.",
        documents=[check_document(upload("minutes.pdf", pdf_bytes()))],
        by=officer,
    )
    return {
        "accuracy_check": check.pk,
        "paragraph": 1,
        "accuracy_comment": comment.pk,
        "accuracy_evidence": comment.evidence.get().pk,
    }


def register_objects(recommendation, force, officer):
    """The force's side of the register at Cheshire: an action and a claim of completion with evidence."""
    action = action_add(
        recommendation=recommendation,
        force=force,
        description="Train every supervisor.",
        owner="Head of Professional Standards",
        target_date=datetime.date(2030, 1, 31),
        by=officer,
    )
    claim = progress_update_add(
        recommendation=recommendation,
        force=force,
        text="Done.",
        documents=[check_document(upload("evidence.pdf", pdf_bytes()))],
        claims_completion=True,
        by=officer,
    )
    return {"action": action.pk, "claim": claim.pk, "evidence": claim.evidence.get().pk}


def admin_objects(user):
    """One object of every model in the admin, so each admin page is checked against a real row."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_tasks_db.models import DBTaskResult

    from letters.tasks import draft_all_letters

    Group.objects.create(name="Reference data editors")
    draft_all_letters.enqueue(0)
    assert DBTaskResult.objects.exists()
    AccessAttempt.objects.create(username="someone", ip_address="203.0.113.1", failures_since_start=1)
    AccessFailureLog.objects.create(username="someone", ip_address="203.0.113.1")
    AccessLog.objects.create(username=user.username, ip_address="203.0.113.2")
    StaticDevice.objects.create(user=user, name="Recovery codes")


@pytest.fixture
def kent(forces):
    from forces.models import Force

    return Force.objects.get(slug="kent")


@pytest.fixture
def clients(world, inspector, signatory, cheshire_officer, merseyside_officer, cheshire_pcc):
    users = {
        "inspector": inspector,
        "signatory": signatory,
        "own_officer": cheshire_officer,
        "other_officer": merseyside_officer,
        "governance": cheshire_pcc,
    }
    result = {"anonymous": Client()}
    for role, user in users.items():
        result[role] = VerifiedClient()
        result[role].force_login(user)
    return result


def test_every_url_has_an_expected_status_for_every_role(world, clients):
    assert admin_site.__class__.__name__ == "OTPAdminSite"
    mismatches, unlisted = [], []
    for name, pattern in url_names():
        if name.startswith(("admin:", "admin/")):
            url, expected = admin_url(name, pattern, world), admin_expected(name)
        elif name not in EXPECTED:
            unlisted.append(name)
            continue
        else:
            arguments, expected = EXPECTED[name]
            url = reverse(name, args=[world[key] for key in arguments])
        for role in ROLES:
            status = clients[role].get(url).status_code
            if status != expected_status(expected, role):
                mismatches.append(f"{name} {url} as {role}: {status}, expected {expected_status(expected, role)}")
    assert not unlisted, f"URLs with no entry in the access matrix: {unlisted}"
    assert not mismatches, "\n".join(mismatches)


def test_the_table_lists_no_url_that_does_not_exist():
    names = {name for name, _ in url_names()}
    assert set(EXPECTED) <= names, set(EXPECTED) - names


def test_every_action_answers_each_role(world, clients):
    mismatches = []
    for name, expected in POSTED.items():
        url = reverse(name, args=[world[key] for key in EXPECTED[name][0]])
        for role in POSTING_ORDER:
            status = clients[role].post(url, {}).status_code
            if status != expected_status(expected, role):
                mismatches.append(f"POST {name} {url} as {role}: {status}, expected {expected_status(expected, role)}")
    assert set(POSTED) == {name for name, (_, statuses) in EXPECTED.items() if statuses == POST_ONLY} - {
        "accounts:sign-out"
    }
    assert not mismatches, "\n".join(mismatches)
