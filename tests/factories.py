"""Small builders for the objects tests need; each test asks only for what it uses."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from forces.models import Force
from inspections.models import CauseOfConcern, InspectionReport, Topic
from recommendations.models import Recommendation
from recommendations.services import recommendation_save
from reviews.models import AssessmentElement, ElementJudgement, OutcomeCategory, Review

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
)
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


def pdf_bytes(pages=1):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx_bytes(main=DOCX_MAIN, extra=()):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES.format(main=main))
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document>Plan</w:document>')
        for name, data in extra:
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name, content, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type)


def make_recommendation(reference="peel-2016-r2", **fields):
    report = InspectionReport.objects.create(
        title="PEEL: police legitimacy 2016", programme="PEEL", published_on=datetime.date(2016, 12, 8)
    )
    topic = Topic.objects.create(name=f"topic for {reference}")
    cause = CauseOfConcern.objects.create(report=report, topic=topic, text="Cause of concern text.")
    defaults = {"timescale": Recommendation.Timescale.MONTHS_AFTER_PUBLICATION, "timescale_months": 6}
    recommendation = Recommendation(
        reference=reference,
        report=report,
        cause_of_concern=cause,
        topic=topic,
        text="All forces should start to implement a plan.",
        **{**defaults, **fields},
    )
    return recommendation_save(recommendation=recommendation, forces=[])


def make_review(signatory, forces=None, slug="review-2017", days_left=10, **fields):
    today = timezone.localdate()
    defaults = {
        "title": f"Review {slug}",
        "request_date": today - datetime.timedelta(days=10),
        "submission_deadline": today + datetime.timedelta(days=days_left),
        "assessment_period": "June 2017",
        "contact_name": "John Young",
        "contact_email": "john.young@inspectorate.example.org",
        "contact_phone": "07802 948502",
    }
    review = Review.objects.create(
        recommendation=make_recommendation(reference=f"ref-{slug}"),
        slug=slug,
        lead_signatory=signatory,
        **{**defaults, **fields},
    )
    review.forces.set(forces if forces is not None else Force.objects.filter(kind=Force.Kind.TERRITORIAL))
    for position, name in enumerate(["Reflects the national strategy", "Monitoring of IT systems"]):
        element = AssessmentElement.objects.create(review=review, position=position, name=name)
        for index, label in enumerate(["Already commenced", "Planned", "No information"]):
            ElementJudgement.objects.create(element=element, position=index, label=label)
    for position, name in enumerate(["Insufficient information", "Already had all elements in place"]):
        OutcomeCategory.objects.create(review=review, position=position, name=name)
    return review


def raw_multipart(fields, files):
    """A multipart body with file names exactly as given: the test client would trim them first."""
    boundary = "----RecommendationTrackerTestBoundary"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for field, filename, content in files:
        header = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(header.encode("utf-8") + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
