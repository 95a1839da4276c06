"""Adding one report's recommendations from a CSV file: each row checked by the recommendation form's own
rules and the file's (columns, duplicates, formulas, size), so that nothing is saved unless every row passes."""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import Truncator

from forces.models import Force
from inspections.models import CauseOfConcern, InspectionReport, Topic, TopicRename

from .forms import RecommendationForm
from .models import Recommendation

MAX_IMPORT_BYTES = 1024 * 1024
# Each row is checked by the recommendation form, twice (preview and confirmation), and saved with its history:
# about 10 ms a row in all. A report makes tens of recommendations; 500 rows keep a request to seconds.
MAX_IMPORT_ROWS = 500
MAX_PROBLEMS_SHOWN = 50

NOT_TEXT = "The file is not CSV text (it holds binary data, as a spreadsheet's own format does): save it as CSV UTF-8"
NOT_UTF8 = "The file is not UTF-8 text: save it as CSV UTF-8"
TOO_LARGE = f"The file is larger than 1 MB: import at most {MAX_IMPORT_ROWS:,} recommendations at a time"
TOO_MANY_ROWS = f"The file has more than {MAX_IMPORT_ROWS:,} rows: split it into files of {MAX_IMPORT_ROWS:,} or fewer"
NO_ROWS = "The file has no rows under its header: add one row for each recommendation"
FORMULA = "a cell may not begin with =, +, -, @, a tab or a line break: a spreadsheet could run it as a formula"
# Spreadsheets run a cell as a formula when it begins with one of these, even after spaces; tabs and line
# breaks are refused too, since some spreadsheets drop them first.
FORMULA_START = re.compile(r"\s*[=+\-@]|[\t\r\n]")
DATES = (
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"),
)
KINDS = {
    "recommendation": Recommendation.Kind.RECOMMENDATION,
    "area for improvement": Recommendation.Kind.AREA_FOR_IMPROVEMENT,
    "cause of concern": Recommendation.Kind.CAUSE_OF_CONCERN,
}
PRIORITY = {"yes": True, "no": False, "": False}


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    example: str


COLUMNS = (
    Column("reference", "A stable public reference: letters, digits and hyphens, unused so far", "peel-2016-r3"),
    Column("kind", "recommendation, area for improvement or cause of concern", "recommendation"),
    Column("topic", "The name of an existing topic: its current name or a former one", "Legitimacy"),
    Column("text", "The recommendation, as the report words it", "All forces should publish their plan."),
    Column("timescale_months", "Due this many months after the report's publication (or give due_date)", "6"),
    Column("due_date", "Due on this date, as 2018-04-27 or 27/04/2018 (or give timescale_months)", ""),
    Column("forces", "Blank or all: every territorial force; otherwise force names or slugs separated by ;", "all"),
    Column("priority", "yes or no (blank means no)", "no"),
    Column("priority_reason", "Why it is a priority: needed when priority is yes", ""),
    Column(
        "cause_of_concern",
        "The topic of the report's cause of concern it answers: needed for kind cause of concern",
        "",
    ),
)
COLUMN_NAMES = [column.name for column in COLUMNS]
# Where the recommendation form's errors belong in the file. The form's timescale choice is made from
# timescale_months or due_date; its report is the one chosen on the page.
COLUMN_OF_FIELD = {
    "reference": "reference",
    "kind": "kind",
    "topic": "topic",
    "text": "text",
    "timescale": "timescale_months",
    "timescale_months": "timescale_months",
    "timescale_date": "due_date",
    "applies_to_all_territorial_forces": "forces",
    "forces": "forces",
    "is_priority": "priority",
    "priority_reason": "priority_reason",
    "cause_of_concern": "cause_of_concern",
}


class NewRecommendation(NamedTuple):
    """A row that passed: the recommendation, not yet saved, and the forces it names."""

    recommendation: Recommendation
    forces: list[Force]


def read_upload(upload: UploadedFile) -> str:
    """The uploaded file's text, refused before it is read when it is too large."""
    if upload.size is None or upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(TOO_LARGE)
    upload.seek(0)
    return decoded(upload.read(MAX_IMPORT_BYTES + 1))


def decoded(data: bytes) -> str:
    if len(data) > MAX_IMPORT_BYTES:
        raise ValidationError(TOO_LARGE)
    if b"\x00" in data:
        raise ValidationError(NOT_TEXT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(NOT_UTF8) from None
    return normalised(text)


def normalised(text: str) -> str:
    """Line breaks as \\n: a browser posts the previewed text back with \\r\\n."""
    return re.sub(r"\r\n?", "\n", text)


def quoted(value: str) -> str:
    return f"‘{Truncator(value).chars(60)}’"


def read_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows that are not blank, numbered as a spreadsheet numbers them (the header is
    row 1). Reading stops at the first row beyond the limit."""
    reader = csv.reader(io.StringIO(text), strict=True)
    rows: list[tuple[int, list[str]]] = []
    number = 1
    try:
        header = [name.strip().casefold() for name in next(reader, [])]
        check_header(header)
        for cells in reader:
            number += 1
            if any(cell.strip() for cell in cells):
                if len(rows) == MAX_IMPORT_ROWS:
                    raise ValidationError(TOO_MANY_ROWS)
                rows.append((number, cells))
    except csv.Error as error:
        raise ValidationError(f"Row {number + 1} is not valid CSV ({error}): check its quotation marks") from None
    if not rows:
        raise ValidationError(NO_ROWS)
    return header, rows


def check_header(header: list[str]) -> None:
    expected = ", ".join(COLUMN_NAMES)
    if not any(header):
        raise ValidationError(f"The file is empty: its first row must name the columns {expected}")
    missing = [name for name in COLUMN_NAMES if name not in header]
    unexpected = [quoted(name) if name else "a column with no name" for name in header if name not in COLUMN_NAMES]
    repeated = sorted({name for name in header if header.count(name) > 1} & set(COLUMN_NAMES))
    wrong = [
        f"{label} {', '.join(names)}"
        for label, names in (("missing", missing), ("not expected", unexpected), ("repeated", repeated))
        if names
    ]
    if wrong:
        raise ValidationError(f"The first row must name the columns {expected}: {'; '.join(wrong)}")


class Names:
    """What a file may name, read once per file: topics by current or former name, forces by name or slug,
    and the report's causes of concern."""

    def __init__(self, report: InspectionReport) -> None:
        renames = TopicRename.objects.select_related("topic").order_by("renamed_on", "pk")
        self.topics = {rename.former_name.casefold(): rename.topic for rename in renames}
        self.topics.update({topic.name.casefold(): topic for topic in Topic.objects.all()})  # current names win
        forces = Force.objects.all()
        self.forces = {key.casefold(): force for force in forces for key in (force.slug, force.name)}
        self.causes = list(CauseOfConcern.objects.filter(report=report))


class Row:
    """One row of the file, as it is checked: its cells and what is wrong with them, by column."""

    def __init__(self, number: int, header: list[str], cells: list[str]) -> None:
        self.number = number
        self.cells = {name: cell.strip() for name, cell in zip(header, cells, strict=False)}
        self.problems: list[tuple[str, str]] = []
        self.complete = len(cells) == len(header)
        if not self.complete:
            self.refuse("", f"it has {len(cells)} cells where the header has {len(header)}")
        for name, cell in zip(header, cells, strict=False):
            if FORMULA_START.match(cell):
                self.refuse(name, FORMULA)

    def refuse(self, column: str, message: str) -> None:
        """Record a problem; one for each cell, the first found: the next would only say it again."""
        if not column or all(refused != column for refused, _ in self.problems):
            self.problems.append((column, message))

    def messages(self) -> list[str]:
        return [
            f"Row {self.number}, {column}: {message}" if column else f"Row {self.number}: {message}"
            for column, message in self.problems
        ]


def read_kind(row: Row, names: Names) -> dict[str, Any]:
    value = row.cells["kind"]
    if value.casefold() not in KINDS:
        row.refuse("kind", f"enter recommendation, area for improvement or cause of concern, not {quoted(value)}")
        return {}
    return {"kind": KINDS[value.casefold()]}


def topic_named(row: Row, names: Names, column: str) -> Topic | None:
    value = row.cells[column]
    topic = names.topics.get(value.casefold())
    if topic is None:
        row.refuse(column, f"no topic called {quoted(value)}" if value else "enter the name of a topic")
    return topic


def read_topic(row: Row, names: Names) -> dict[str, Any]:
    topic = topic_named(row, names, "topic")
    return {"topic": topic.pk} if topic else {}


def read_timescale(row: Row, names: Names) -> dict[str, Any]:
    months, due = row.cells["timescale_months"], row.cells["due_date"]
    if months and due:
        row.refuse("timescale_months", "give timescale_months or due_date, not both")
    elif months:
        return {"timescale": Recommendation.Timescale.MONTHS_AFTER_PUBLICATION, "timescale_months": months}
    elif not due:
        row.refuse("timescale_months", "give timescale_months or due_date")
    elif date := next((match for pattern in DATES if (match := pattern.fullmatch(due))), None):
        day, month, year = date["day"], date["month"], date["year"]
        fields = {"timescale_date_0": day, "timescale_date_1": month, "timescale_date_2": year}
        return {"timescale": Recommendation.Timescale.FIXED_DATE, **fields}
    else:
        row.refuse("due_date", f"enter the date as 2018-04-27 or 27/04/2018, not {quoted(due)}")
    return {}


def read_forces(row: Row, names: Names) -> dict[str, Any]:
    value = row.cells["forces"]
    if value.casefold() in ("", "all"):
        return {"applies_to_all_territorial_forces": "on"}
    wanted = [name.strip() for name in value.split(";") if name.strip()]
    unknown = [quoted(name) for name in wanted if name.casefold() not in names.forces]
    if unknown:
        row.refuse("forces", f"no force called {', '.join(unknown)}")
        return {}
    return {"forces": [names.forces[name.casefold()].pk for name in wanted]}


def read_priority(row: Row, names: Names) -> dict[str, Any]:
    value = row.cells["priority"]
    if value.casefold() not in PRIORITY:
        row.refuse("priority", f"enter yes or no, not {quoted(value)}")
        return {}
    return {"is_priority": "on"} if PRIORITY[value.casefold()] else {}


def read_cause(row: Row, names: Names) -> dict[str, Any]:
    value = row.cells["cause_of_concern"]
    if not value or not (topic := topic_named(row, names, "cause_of_concern")):
        return {}
    causes = [cause for cause in names.causes if cause.topic_id == topic.pk]
    if len(causes) != 1:
        row.refuse("cause_of_concern", f"the report has {len(causes) or 'no'} causes of concern on {quoted(value)}")
        return {}
    return {"cause_of_concern": causes[0].pk}


READERS: tuple[Callable[[Row, Names], dict[str, Any]], ...] = (
    read_kind,
    read_topic,
    read_timescale,
    read_forces,
    read_priority,
    read_cause,
)


def check_row(row: Row, report: InspectionReport, names: Names) -> NewRecommendation | None:
    """The row's recommendation, checked by the recommendation form; None when the row has problems."""
    if not row.complete:  # its cells are not where the header says: nothing to read
        return None
    data = {"report": report.pk, **{name: row.cells[name] for name in ("reference", "text", "priority_reason")}}
    for read in READERS:
        data.update(read(row, names))
    form = RecommendationForm(data)
    valid = form.is_valid()
    for field, messages in form.errors.items():
        for message in messages:
            row.refuse(COLUMN_OF_FIELD.get(field, ""), str(message))
    if not valid or row.problems:
        return None
    return NewRecommendation(form.instance, list(form.cleaned_data["forces"]))


def check_import(*, report: InspectionReport, text: str) -> list[NewRecommendation]:
    """The recommendations the file would add to the report, or a ValidationError listing every problem."""
    header, rows = read_rows(text)
    names = Names(report)
    added, problems = [], []
    first_row: dict[str, int] = {}
    for number, cells in rows:
        row = Row(number, header, cells)
        new = check_row(row, report, names)
        reference = row.cells.get("reference", "")
        if reference and reference in first_row:
            row.refuse("reference", f"{reference} is also in row {first_row[reference]}")
        first_row.setdefault(reference, number)
        problems += row.messages()
        if new and not row.problems:
            added.append(new)
    if problems:
        raise ValidationError(shown(problems))
    return added


def shown(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS_SHOWN:
        return problems
    return [*problems[:MAX_PROBLEMS_SHOWN], f"and {len(problems) - MAX_PROBLEMS_SHOWN:,} more problems"]


def template_csv() -> str:
    """The columns and an example row, to fill in. A byte order mark tells Excel the file is UTF-8."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    writer.writerow([column.example for column in COLUMNS])
    return output.getvalue()
