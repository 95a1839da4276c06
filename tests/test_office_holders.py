"""Office holders: dated terms per force, their rules, the inspector pages and the public force page."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from forces.models import OfficeHolder, holders_on
from forces.services import office_holder_end, office_holder_save

D = datetime.date
CHIEF, PCC = OfficeHolder.Office.CHIEF_OFFICER, OfficeHolder.Office.PCC
JULY_2016 = D(2016, 7, 1)


def term(force, office=CHIEF, name="Andy Cooke", started_on=JULY_2016, ended_on=None, **fields):
    area = "" if office == CHIEF else fields.pop("area_name", force.name.removesuffix(" Police"))
    return office_holder_save(
        holder=OfficeHolder(
            force=force, office=office, name=name, started_on=started_on, ended_on=ended_on, area_name=area, **fields
        )
    )


@pytest.fixture
def cooke(merseyside):
    return term(merseyside, post_nominals="QPM", ended_on=D(2021, 4, 11))


@pytest.fixture
def jane_kennedy(merseyside):
    return term(merseyside, PCC, "Jane Kennedy", D(2012, 11, 22), D(2021, 5, 12), area_name="Merseyside")


def test_holders_on_a_day_include_the_first_and_last_days_of_a_term(merseyside, cooke, jane_kennedy):
    assert holders_on(merseyside, D(2016, 6, 30)).chief_officer is None
    assert holders_on(merseyside, D(2016, 7, 1)).chief_officer == cooke
    on_letter_day = holders_on(merseyside, D(2017, 10, 2))
    assert (on_letter_day.chief_officer, on_letter_day.governance) == (cooke, jane_kennedy)
    assert holders_on(merseyside, D(2021, 4, 11)).chief_officer == cooke
    assert holders_on(merseyside, D(2021, 4, 12)).chief_officer is None
    assert holders_on(merseyside, D(2021, 5, 13)).governance is None


def test_titles_as_letters_print_them(merseyside, cooke, jane_kennedy, forces):
    assert (cooke.name_with_post_nominals, cooke.title) == ("Andy Cooke QPM", "Chief Constable")
    assert jane_kennedy.title == "Police and Crime Commissioner for Merseyside"
    manchester = forces.get(slug="greater-manchester")
    assert term(manchester, OfficeHolder.Office.MAYOR, "A Mayor", area_name="Greater Manchester").title == (
        "Mayor of Greater Manchester"
    )
    city = forces.get(slug="city-of-london")
    chair = term(city, OfficeHolder.Office.COMMITTEE_CHAIR, "A Chair", area_name="City of London Corporation")
    assert chair.title == "Chair of the Police Authority Board, City of London Corporation"
    assert term(city, name="A Commissioner").title == "Commissioner"


@pytest.mark.parametrize(
    ("started_on", "ended_on"),
    [(D(2021, 4, 11), None), (D(2015, 1, 1), D(2016, 7, 1)), (D(2017, 1, 1), D(2017, 12, 31)), (D(2010, 1, 1), None)],
)
def test_an_overlapping_term_of_the_same_office_is_refused_and_nothing_is_saved(
    merseyside, cooke, started_on, ended_on
):
    count = OfficeHolder.objects.count()
    with pytest.raises(ValidationError, match="overlaps Andy Cooke QPM's"):
        term(merseyside, name="Someone Else", started_on=started_on, ended_on=ended_on)
    assert OfficeHolder.objects.count() == count


def test_terms_that_touch_or_belong_to_other_offices_or_forces_are_accepted(merseyside, cheshire, cooke, jane_kennedy):
    term(merseyside, name="Serena Kennedy", started_on=D(2021, 4, 12))  # the day after Cooke's last
    term(cheshire, started_on=D(2017, 1, 1))
    assert OfficeHolder.objects.count() == 4


def test_correcting_a_term_into_an_overlap_is_refused(merseyside, cooke):
    successor = term(merseyside, name="Serena Kennedy", started_on=D(2021, 4, 12))
    successor.started_on = D(2021, 1, 1)
    with pytest.raises(ValidationError):
        office_holder_save(holder=successor)
    successor.refresh_from_db()
    assert successor.started_on == D(2021, 4, 12)


def test_an_end_before_the_start_is_refused_by_the_rule_and_by_the_database(merseyside):
    with pytest.raises(ValidationError, match="on or after its start"):
        term(merseyside, started_on=D(2020, 1, 1), ended_on=D(2019, 12, 31))
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeHolder.objects.create(
            force=merseyside, office=CHIEF, name="X", started_on=D(2020, 1, 1), ended_on=D(2019, 12, 31)
        )
    assert not OfficeHolder.objects.exists()


def test_the_database_keeps_one_open_term_per_office(merseyside):
    term(merseyside, started_on=D(2020, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeHolder.objects.create(force=merseyside, office=CHIEF, name="Y", started_on=D(2022, 1, 1))
    term(merseyside, PCC, "Emily Spurrell", D(2021, 5, 13), area_name="Merseyside")  # another office: allowed


def test_a_governance_holder_needs_the_area(merseyside):
    with pytest.raises(ValidationError, match="area"):
        term(merseyside, PCC, "Jane Kennedy", area_name="")


def test_ending_a_term_and_ending_it_twice(merseyside):
    holder = term(merseyside, started_on=D(2021, 4, 12))
    office_holder_end(holder=holder, ended_on=D(2025, 8, 31))
    holder.refresh_from_db()
    assert holder.ended_on == D(2025, 8, 31)
    with pytest.raises(ValidationError, match="already ended"):
        office_holder_end(holder=holder, ended_on=D(2025, 9, 30))


# The inspector pages.


def holder_post(**fields):
    data = {
        "office": "chief_officer",
        "name": "Serena Kennedy",
        "post_nominals": "KPM",
        "area_name": "",
        "started_on_0": "12",
        "started_on_1": "4",
        "started_on_2": "2021",
        "ended_on_0": "",
        "ended_on_1": "",
        "ended_on_2": "",
    }
    return {**data, **fields}


def test_an_inspector_adds_a_term_and_its_history_records_who(client, inspector, merseyside):
    client.force_login(inspector)
    url = reverse("inspections:office-holder-create", args=["merseyside"])
    response = client.post(url, holder_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:force-office-holders", args=["merseyside"])
    holder = OfficeHolder.objects.get()
    assert (holder.name, holder.post_nominals, holder.started_on, holder.ended_on) == (
        "Serena Kennedy",
        "KPM",
        D(2021, 4, 12),
        None,
    )
    assert holder.history.get().history_user == inspector
    page = client.get(response["Location"]).content.decode()
    assert "Serena Kennedy KPM" in page and "12 April 2021" in page and "In office" in page


def test_the_form_refuses_an_overlap_and_an_end_before_the_start_and_saves_nothing(
    client, inspector, merseyside, cooke
):
    client.force_login(inspector)
    url = reverse("inspections:office-holder-create", args=["merseyside"])
    page = client.post(url, holder_post(started_on_2="2020")).content.decode()
    assert "This term overlaps Andy Cooke QPM&#x27;s, Chief Constable, from 1 July 2016 until 11 April 2021" in page
    page = client.post(url, holder_post(ended_on_0="1", ended_on_1="1", ended_on_2="2021")).content.decode()
    assert "The end of the term must be on or after its start" in page
    assert OfficeHolder.objects.count() == 1
    term(merseyside, name="Serena Kennedy", started_on=D(2021, 4, 12))  # open
    page = client.post(url, holder_post(name="Rob Carden", started_on_2="2025")).content.decode()
    assert "overlaps Serena Kennedy" in page
    assert "already has a chief officer in office" not in page  # one clash, one message
    assert OfficeHolder.objects.count() == 2


def test_an_inspector_corrects_and_ends_a_term(client, inspector, merseyside):
    holder = term(merseyside, name="Serena Kennedy", started_on=D(2021, 4, 12))
    client.force_login(inspector)
    edit = reverse("inspections:office-holder-edit", args=[holder.pk])
    assert client.post(edit, holder_post(post_nominals="KPM")).status_code == 302
    end = reverse("inspections:office-holder-end", args=[holder.pk])
    page = client.post(end, {"ended_on_0": "1", "ended_on_1": "1", "ended_on_2": "2020"}).content.decode()
    assert "The last day in office must be on or after the first, 12 April 2021" in page
    assert client.post(end, {"ended_on_0": "31", "ended_on_1": "8", "ended_on_2": "2025"}).status_code == 302
    holder.refresh_from_db()
    assert (holder.post_nominals, holder.ended_on) == ("KPM", D(2025, 8, 31))
    assert holder.history.count() == 3
    assert client.get(end).status_code == 302  # already ended: back to the force's page


def test_the_list_of_every_force_runs_a_fixed_number_of_queries(
    client, inspector, merseyside, cheshire, cooke, django_assert_max_num_queries
):
    client.force_login(inspector)
    url = reverse("inspections:office-holders")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    term(cheshire, name="Mark Roberts", started_on=D(2020, 1, 1))
    term(merseyside, PCC, "Emily Spurrell", D(2021, 5, 13), area_name="Merseyside")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert "Emily Spurrell" in page and "Andy Cooke" not in page  # his term has ended


def test_the_dashboard_links_to_the_office_holders(client, inspector, forces):
    client.force_login(inspector)
    assert reverse("inspections:office-holders") in client.get(reverse("reviews:dashboard")).content.decode()


# The public force page (cached for a few minutes: each test starts with an empty cache).


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_public_force_page_lists_todays_holders(client, merseyside, cooke, jane_kennedy):
    term(merseyside, name="Rob Carden", started_on=D(2025, 9, 1))
    term(merseyside, PCC, "Emily Spurrell", D(2021, 5, 13), area_name="Merseyside")
    page = client.get(reverse("forces:detail", args=["merseyside"])).content.decode()
    assert "Rob Carden, Chief Constable, since 1 September 2025" in page
    assert "Emily Spurrell, Police and Crime Commissioner for Merseyside, since 13 May 2021" in page
    assert "Andy Cooke" not in page and "Jane Kennedy" not in page


def test_the_public_force_page_shows_post_nominals_and_titles_when_nobody_is_recorded(client, merseyside, cheshire):
    term(merseyside, name="Serena Kennedy", post_nominals="KPM", started_on=D(2021, 4, 12))
    page = client.get(reverse("forces:detail", args=["merseyside"])).content.decode()
    assert "Serena Kennedy KPM, Chief Constable, since 12 April 2021" in page
    page = client.get(reverse("forces:detail", args=["cheshire"])).content.decode()
    assert "Chief Constable</dd>" in page and "Police and Crime Commissioner</dd>" in page


def test_a_hostile_name_is_shown_literally(client, inspector, merseyside):
    term(merseyside, name='<script>alert("x")</script>', started_on=D(2021, 4, 12))
    client.force_login(inspector)
    for url in (
        reverse("inspections:force-office-holders", args=["merseyside"]),
        reverse("inspections:office-holders"),
    ):
        page = client.get(url).content.decode()
        assert '<script>alert("x")' not in page and "&lt;script&gt;alert(&quot;x&quot;)" in page
    page = client.get(reverse("forces:detail", args=["merseyside"])).content.decode()
    assert '<script>alert("x")' not in page
