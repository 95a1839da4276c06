"""Importing a report's recommendations from a CSV file: every row checked, a preview, then all saved or none."""

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forces.models import Force
from inspections.models import CauseOfConcern, InspectionReport, Topic
from inspections.services import topic_rename
from recommendations.import_forms import ImportConfirmForm
from recommendations.imports import COLUMN_NAMES, read_rows
from recommendations.models import Recommendation
from tests.factories import docx_bytes

HEADER = ",".join(COLUMN_NAMES)
GOOD_ROWS = [
    "peel-2016-r1,recommendation,Legitimacy,All forces should publish their plans.,6,,all,no,,",
    "peel-2016-a1,area for improvement,Stop and search,Forces should record every stop.,,27/04/2018,"
    'cheshire; Merseyside Police,yes,"Public confidence, above all.",',
    "peel-2016-c1,cause of concern,Use of police powers,Forces should review their use of powers.,,2018-03-31,,,,"
    "Legitimacy",
]
IMPORT_URL = reverse("recommendations:import")


@pytest.fixture
def report(forces):
    report = InspectionReport.objects.create(
        title="PEEL: police legitimacy 2016", programme="PEEL", published_on=datetime.date(2016, 12, 8)
    )
    legitimacy = Topic.objects.create(name="Legitimacy")
    powers = Topic.objects.create(name="Stop and search")
    topic_rename(topic=powers, new_name="Use of police powers", renamed_on=datetime.date(2017, 4, 1), reason="")
    CauseOfConcern.objects.create(report=report, topic=legitimacy, text="Forces do not explain their decisions.")
    return report


@pytest.fixture
def inspector_client(client, inspector):
    client.force_login(inspector)
    return client


def csv_bytes(*rows, header=HEADER):
    return "\n".join([header, *rows]).encode()


def upload(client, report, content, name="recommendations.csv"):
    file = SimpleUploadedFile(name, content, "text/csv")
    return client.post(IMPORT_URL, {"report": report.pk, "file": file})


def confirm(client, preview, **changes):
    return client.post(reverse("recommendations:import-confirm"), {**preview.context["form"].initial, **changes})


def page_text(response):
    return html.unescape(response.content.decode())


def test_a_good_file_is_previewed_then_saved_as_the_rows_say(inspector_client, report, inspector, cheshire, merseyside):
    preview = upload(inspector_client, report, csv_bytes(*GOOD_ROWS))
    text = page_text(preview)
    assert preview.status_code == 200 and "Add these 3 recommendations" in text
    assert "All territorial forces" in text and "Cheshire Constabulary, Merseyside Police" in text
    assert Recommendation.objects.count() == 0
    # A browser posts the hidden text back with \r\n line breaks: it is still the text that was previewed.
    posted_back = preview.context["form"].initial["csv_text"].replace("\n", "\r\n")
    saved = confirm(inspector_client, preview, csv_text=posted_back)
    assert saved.status_code == 302 and saved.url == report.get_absolute_url()
    months, area, cause = (Recommendation.objects.get(reference=f"peel-2016-{name}") for name in ("r1", "a1", "c1"))
    assert (months.kind, months.due_date, months.applies_to_all_territorial_forces) == (
        "recommendation",
        datetime.date(2017, 6, 8),
        True,
    )
    assert (area.kind, area.due_date, area.is_priority, area.priority_reason) == (
        "afi",
        datetime.date(2018, 4, 27),
        True,
        "Public confidence, above all.",
    )
    assert set(area.applicable_forces()) == {cheshire, merseyside}
    assert area.topic.name == "Use of police powers"  # named in the file by its former name, Stop and search
    assert (cause.kind, cause.topic.name, cause.cause_of_concern.topic.name) == (
        "cause",
        "Use of police powers",
        "Legitimacy",
    )
    assert cause.due_date == datetime.date(2018, 3, 31) and cause.applicable_forces().count() == 43
    assert {entry.history_user for entry in Recommendation.history.all()} == {inspector}
    page = page_text(inspector_client.get(saved.url))
    assert "3 recommendations added to PEEL: police legitimacy 2016" in page


def test_a_byte_order_mark_windows_line_breaks_and_any_column_order_are_accepted(inspector_client, report):
    header = ",".join(reversed(COLUMN_NAMES))
    row = ",".join(reversed(GOOD_ROWS[0].split(",")))
    content = "\ufeff" + "\r\n".join([header, row, ""])
    preview = upload(inspector_client, report, content.encode())
    assert "Add this recommendation" in page_text(preview)
    assert confirm(inspector_client, preview).status_code == 302
    assert Recommendation.objects.get().reference == "peel-2016-r1"


def bad(row):
    return csv_bytes(GOOD_ROWS[0], row)


FORMULA = "a cell may not begin with =, +, -, @, a tab or a line break"
BAD_FILES = {
    "wrong columns": (
        csv_bytes(GOOD_ROWS[0], header=HEADER.replace("due_date", "deadline") + ",notes"),
        "The first row must name the columns reference, kind, topic, text, timescale_months, due_date, forces, "
        "priority, priority_reason, cause_of_concern: missing due_date; not expected ‘deadline’, ‘notes’",
    ),
    "a column with no name": (csv_bytes(GOOD_ROWS[0] + ",", header=HEADER + ","), "not expected a column with no name"),
    "a repeated column": (csv_bytes(header=HEADER + ",topic"), "repeated topic"),
    "an empty file": (b"\n\n", "The file is empty: its first row must name the columns"),
    "no rows": (csv_bytes(",,,,,,,,,"), "The file has no rows under its header"),
    "an impossible date": (
        bad("r2,recommendation,Legitimacy,Act.,,31/02/2018,,,,"),
        "Row 3, due_date: Enter a real date",
    ),
    "a date in no format": (
        bad("r2,recommendation,Legitimacy,Act.,,April 2018,,,,"),
        "Row 3, due_date: enter the date as 2018-04-27 or 27/04/2018, not ‘April 2018’",
    ),
    "a date out of range": (
        bad("r2,recommendation,Legitimacy,Act.,,1/1/1900,,,,"),
        "Row 3, due_date: Enter a year between 2000 and 2100",
    ),
    "months and a date": (
        bad("r2,recommendation,Legitimacy,Act.,6,2018-01-01,,,,"),
        "Row 3, timescale_months: give timescale_months or due_date, not both",
    ),
    "no timescale": (bad("r2,recommendation,Legitimacy,Act.,,,,,,"), "Row 3, timescale_months: give timescale_months"),
    "an unknown topic": (
        bad("r2,recommendation,Astrology,Act.,6,,,,,"),
        "Row 3, topic: no topic called ‘Astrology’",
    ),
    "an unknown force": (
        bad("r2,recommendation,Legitimacy,Act.,6,,cheshire;Gotham City Police,,,"),
        "Row 3, forces: no force called ‘Gotham City Police’",
    ),
    "an unknown kind": (
        bad("r2,suggestion,Legitimacy,Act.,6,,,,,"),
        "Row 3, kind: enter recommendation, area for improvement or cause of concern, not ‘suggestion’",
    ),
    "a cause that the report does not have": (
        bad("r2,cause of concern,Legitimacy,Act.,6,,,,,Use of police powers"),
        "Row 3, cause_of_concern: the report has no causes of concern on ‘Use of police powers’",
    ),
    "a cause of concern's recommendation without its cause": (
        bad("r2,cause of concern,Legitimacy,Act.,6,,,,,"),
        "Row 3, cause_of_concern: Select the cause of concern this recommendation answers",
    ),
    "a priority without its reason": (
        bad("r2,recommendation,Legitimacy,Act.,6,,,yes,,"),
        "Row 3, priority_reason: Say why the recommendation is a priority",
    ),
    "a bad reference": (bad("r 2,recommendation,Legitimacy,Act.,6,,,,,"), "Row 3, reference: Enter a valid"),
    "no text": (bad("r2,recommendation,Legitimacy,,6,,,,,"), "Row 3, text: This field is required."),
    "a duplicate reference in the file": (
        bad(GOOD_ROWS[0].replace("publish", "print")),
        "Row 3, reference: peel-2016-r1 is also in row 2",
    ),
    "too few cells": (bad("r2,recommendation,Legitimacy"), "Row 3: it has 3 cells where the header has 10"),
    "too many cells": (bad("r2,recommendation,Legitimacy,Act.,6,,,,,,extra"), "Row 3: it has 11 cells where"),
    "a stray quotation mark": (bad('r2,recommendation,"Legitimacy"x,Act.,6,,,,,'), "Row 3 is not valid CSV"),
    "a hyperlink formula": (
        bad('r2,recommendation,Legitimacy,"=HYPERLINK(""http://evil.example"",""Click"")",6,,,,,'),
        f"Row 3, text: {FORMULA}",
    ),
    "a formula after spaces": (bad("r2,recommendation,Legitimacy,  =1+1,6,,,,,"), f"Row 3, text: {FORMULA}"),
    "a plus": (bad("r2,recommendation,+Legitimacy,Act.,6,,,,,"), f"Row 3, topic: {FORMULA}"),
    "a minus": (bad("r2,recommendation,Legitimacy,Act.,-3,,,,,"), f"Row 3, timescale_months: {FORMULA}"),
    "an at sign": (bad("@r2,recommendation,Legitimacy,Act.,6,,,,,"), f"Row 3, reference: {FORMULA}"),
    "a tab": (bad("r2,recommendation,Legitimacy,\tAct.,6,,,,,"), f"Row 3, text: {FORMULA}"),
    "a carriage return": (bad('r2,recommendation,Legitimacy,"\rAct.",6,,,,,'), f"Row 3, text: {FORMULA}"),
    "non-UTF-8 bytes": (bad("r2,recommendation,Légitimité,Act.,6,,,,,").replace(b"\xc3\xa9", b"\xe9"), "not UTF-8"),
    "UTF-16": (csv_bytes(GOOD_ROWS[0]).decode().encode("utf-16"), "The file is not CSV text"),
    "a spreadsheet's own format": (docx_bytes(), "The file is not CSV text"),
    "a file with no bytes": (b"", "The file is empty"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_each_bad_file_is_refused_with_a_clear_message_and_nothing_saved(inspector_client, report, name):
    content, message = BAD_FILES[name]
    response = upload(inspector_client, report, content)
    text = page_text(response)
    assert response.status_code == 200 and "There is a problem" in text
    assert message in text
    assert "Add these" not in text and Recommendation.objects.count() == 0


def test_a_reference_already_in_the_register_is_refused(inspector_client, report):
    upload_and_save(inspector_client, report, GOOD_ROWS[0])
    response = upload(inspector_client, report, csv_bytes(GOOD_ROWS[1], GOOD_ROWS[0]))
    assert "Row 3, reference: Recommendation with this Reference already exists." in page_text(response)
    assert Recommendation.objects.count() == 1


def upload_and_save(client, report, *rows):
    return confirm(client, upload(client, report, csv_bytes(*rows)))


def test_every_row_s_problems_are_listed_and_good_rows_are_not_saved_either(inspector_client, report):
    rows = [
        GOOD_ROWS[0],
        "r2,recommendation,Astrology,Act.,6,,,,,",
        GOOD_ROWS[1],
        "r4,recommendation,Legitimacy,,,,,,,",
    ]
    text = page_text(upload(inspector_client, report, csv_bytes(*rows)))
    assert "Row 3, topic: no topic called ‘Astrology’" in text
    assert "Row 5, text: This field is required." in text and "Row 5, timescale_months: give" in text
    assert "Row 2" not in text and Recommendation.objects.count() == 0


def test_a_50000_row_file_is_refused_by_its_size_before_it_is_read(inspector_client, report):
    rows = [
        f"peel-2016-r{number},recommendation,Legitimacy,All forces should act.,6,,all,no,," for number in range(50_000)
    ]
    text = page_text(upload(inspector_client, report, csv_bytes(*rows)))
    assert "The file is larger than 1 MB: import at most 500 recommendations at a time" in text
    assert Recommendation.objects.count() == 0


def test_a_small_50000_row_file_is_refused_at_its_501st_row(inspector_client, report, django_assert_max_num_queries):
    content = csv_bytes(*[f"r{number},,,,,,,,," for number in range(50_000)])
    assert len(content) < 1024 * 1024
    with django_assert_max_num_queries(15):  # no row was checked against the database
        text = page_text(upload(inspector_client, report, content))
    assert "The file has more than 500 rows: split it into files of 500 or fewer" in text
    assert Recommendation.objects.count() == 0


def test_the_row_limit_counts_rows_not_blank_lines():
    header, rows = read_rows(csv_bytes(*["r,,,,,,,,,"] * 500, *[",,,,,,,,,"] * 10).decode())
    assert len(rows) == 500 and rows[-1][0] == 501
    with pytest.raises(ValidationError, match="more than 500 rows"):
        read_rows(csv_bytes(*["r,,,,,,,,,"] * 501).decode())


def test_a_file_near_the_size_limit_goes_through_preview_and_confirmation(inspector_client, report):
    text = "All forces should act. " * 5000
    rows = [f"peel-2016-r{number},recommendation,Legitimacy,{text},6,,,,," for number in range(8)]
    content = csv_bytes(*rows)
    assert 900_000 < len(content) < 1024 * 1024
    preview = upload(inspector_client, report, content)
    assert 'enctype="multipart/form-data"' in preview.content.decode().split('action="/manage/recommendations/')[1]
    assert confirm(inspector_client, preview).status_code == 302
    assert Recommendation.objects.count() == 8


def test_the_problems_shown_stop_at_fifty(inspector_client, report):
    rows = [f"r{number},recommendation,Astrology,Act.,6,,,,," for number in range(60)]
    text = page_text(upload(inspector_client, report, csv_bytes(*rows)))
    assert "Row 51, topic" in text and "Row 52, topic" not in text and "and 10 more problems" in text


def test_a_reference_taken_between_preview_and_confirm_saves_nothing(inspector_client, report):
    preview = upload(inspector_client, report, csv_bytes(*GOOD_ROWS))
    upload_and_save(inspector_client, report, GOOD_ROWS[1])
    response = confirm(inspector_client, preview)
    text = page_text(response)
    assert response.status_code == 200 and "There is a problem: nothing was saved" in text
    assert "Row 3, reference: Recommendation with this Reference already exists." in text
    assert Recommendation.objects.count() == 1


def test_a_reference_taken_at_the_moment_of_saving_saves_nothing(inspector_client, report, monkeypatch):
    preview = upload(inspector_client, report, csv_bytes(*GOOD_ROWS))
    real_is_valid, competed = ImportConfirmForm.is_valid, []

    def is_valid(form):
        """Another request saves peel-2016-c1 right after this one's checks passed."""
        valid = real_is_valid(form)
        if valid and not competed:
            topic = Topic.objects.get(name="Legitimacy")
            competed.append(
                Recommendation.objects.create(
                    reference="peel-2016-c1",
                    report=report,
                    topic=topic,
                    text="Theirs.",
                    timescale="months",
                    timescale_months=3,
                )
            )
        return valid

    monkeypatch.setattr(ImportConfirmForm, "is_valid", is_valid)
    text = page_text(confirm(inspector_client, preview))
    assert "Row 4, reference: Recommendation with this Reference already exists." in text
    assert list(Recommendation.objects.values_list("reference", flat=True)) == ["peel-2016-c1"]


def client_for(user):
    from tests.conftest import VerifiedClient

    client = VerifiedClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "changes",
    [
        {"csv_text": "\n".join([HEADER, GOOD_ROWS[0].replace("6", "60")])},
        {"token": "forged"},
        {"csv_text": "", "token": ""},
    ],
)
def test_a_confirmation_of_anything_but_the_previewed_file_saves_nothing(inspector_client, report, changes):
    preview = upload(inspector_client, report, csv_bytes(GOOD_ROWS[0]))
    text = page_text(confirm(inspector_client, preview, **changes))
    assert "These recommendations were not the ones checked on the preview: upload the file again" in text
    assert Recommendation.objects.count() == 0


def test_a_preview_signed_for_one_user_cannot_be_confirmed_by_another(inspector_client, report, signatory):
    preview = upload(inspector_client, report, csv_bytes(GOOD_ROWS[0]))
    text = page_text(confirm(client_for(signatory), preview))
    assert "were not the ones checked on the preview" in text and Recommendation.objects.count() == 0


def test_the_template_names_the_columns_and_its_example_row_imports(inspector_client, report):
    response = inspector_client.get(reverse("recommendations:import-template"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="recommendations-template.csv"'
    assert response.content.decode("utf-8-sig").splitlines()[0] == HEADER
    preview = upload(inspector_client, report, response.content)
    assert "Add this recommendation" in page_text(preview)


def test_the_list_and_report_pages_link_to_the_import(inspector_client, report):
    assert IMPORT_URL in inspector_client.get(reverse("recommendations:list")).content.decode()
    page = inspector_client.get(report.get_absolute_url()).content.decode()
    assert f"{IMPORT_URL}?report={report.pk}" in page
    form = inspector_client.get(f"{IMPORT_URL}?report={report.pk}").content.decode()
    assert f'<option value="{report.pk}" selected>' in form and "cause_of_concern" in form


def test_without_a_report_the_page_says_what_comes_first(inspector_client, forces):
    response = inspector_client.get(IMPORT_URL, follow=True)
    assert "Add the inspection report that makes the recommendation first." in page_text(response)


def test_who_may_import(persona, report):
    page = persona.get(IMPORT_URL)
    expected = {"anonymous": 302, "inspector": 200, "signatory": 200}.get(persona.persona, 403)
    assert page.status_code == expected
    if persona.persona == "anonymous":
        assert page.url.startswith(reverse("accounts:sign-in"))
    file = SimpleUploadedFile("recommendations.csv", csv_bytes(GOOD_ROWS[0]), "text/csv")
    posted = persona.post(IMPORT_URL, {"report": report.pk, "file": file})
    assert posted.status_code == expected
    if expected == 200:
        assert confirm(persona, posted).status_code == 302
        assert Recommendation.objects.count() == 1
    else:
        assert persona.post(reverse("recommendations:import-confirm"), {}).status_code == expected
        assert Recommendation.objects.count() == 0


def test_a_force_can_be_named_by_slug_or_name_in_any_case(inspector_client, report):
    row = GOOD_ROWS[0].replace(",all,", ",CHESHIRE;merseyside police;British Transport Police,")
    upload_and_save(inspector_client, report, row)
    slugs = set(Recommendation.objects.get().forces.values_list("slug", flat=True))
    assert slugs == {"cheshire", "merseyside", "british-transport-police"}
    assert Force.objects.get(slug="british-transport-police").kind == Force.Kind.NATIONAL
