"""Letters that read as a person wrote them: elements sharing a judgement said in one sentence, listed in plain
English, a qualifier the assessment may choose, and the editor told which sentence came from which judgement."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from letters.compose import plain_list
from letters.limits import PASSAGE_CHARACTERS
from letters.models import Letter
from letters.services import letter_edit
from reviews.models import (
    Assessment,
    AssessmentElement,
    AssessmentJudgement,
    ElementJudgement,
    GroupedSentence,
    Qualifier,
)
from tests.letter_helpers import add_letter_template, draft

PHRASES = {
    "Reflects the national strategy": "reflecting the national strategy",
    "Monitoring of IT systems": "monitoring your IT systems actively",
    "Work with support organisations": "building relationships with support organisations",
}
GROUPED = "Work on $elements has already started."


@pytest.fixture
def framework(review):
    """The review's two elements and a third, each with a phrase; a grouped sentence for 'Already commenced'."""
    third = AssessmentElement.objects.create(review=review, position=2, name="Work with support organisations")
    for index, label in enumerate(["Already commenced", "Planned", "No information"]):
        ElementJudgement.objects.create(element=third, position=index, label=label)
    for element in review.elements.all():
        element.phrase = PHRASES[element.name]
        element.save()
    add_letter_template(review)  # each judgement's own sentence: '<element>: <label>.'
    GroupedSentence.objects.create(review=review, label="Already commenced", letter_sentence=GROUPED)
    return review


def set_phrase(review, name, phrase):
    element = review.elements.get(name=name)
    element.phrase = phrase
    element.save()


def assess(review, force, by, labels, qualifier=None):
    assessment = Assessment.objects.create(
        review=review,
        force=force,
        outcome=review.outcome_categories.first(),
        qualifier=qualifier,
        assessed_by=by,
        assessed_at=timezone.now(),
    )
    for element, label in zip(review.elements.all(), labels, strict=True):
        AssessmentJudgement.objects.create(
            assessment=assessment, element=element, judgement=element.judgements.get(label=label)
        )
    return assessment


def composed(review, force, by, labels, qualifier=None):
    assess(review, force, by, labels, qualifier)
    return draft(review, force, by)


@pytest.mark.parametrize(
    ("phrases", "joined"),
    [([], ""), (["A"], "A"), (["A", "B"], "A and B"), (["A", "B", "C"], "A, B and C"), (list("ABCD"), "A, B, C and D")],
)
def test_a_list_is_joined_in_plain_english_without_a_comma_before_and(phrases, joined):
    assert plain_list(phrases) == joined


def test_two_elements_sharing_a_judgement_say_one_sentence(framework, cheshire, inspector):
    letter = composed(framework, cheshire, inspector, ["Already commenced", "Already commenced", "Planned"])
    assert (
        "Work on reflecting the national strategy and monitoring your IT systems actively has already started. "
        "Work with support organisations: planned." in letter.body
    )
    assert "Monitoring of IT systems: already commenced." not in letter.body


def test_three_elements_sharing_a_judgement_are_listed_a_b_and_c(framework, cheshire, inspector):
    letter = composed(framework, cheshire, inspector, ["Already commenced"] * 3)
    assert (
        "Work on reflecting the national strategy, monitoring your IT systems actively and building relationships "
        "with support organisations has already started." in letter.body
    )
    assert ": already commenced." not in letter.body


def test_the_grouped_sentence_stands_where_the_first_of_its_elements_would_speak(framework, cheshire, inspector):
    letter = composed(framework, cheshire, inspector, ["Already commenced", "Planned", "Already commenced"])
    assert (
        "Outcome paragraph for Insufficient information. Work on reflecting the national strategy and building "
        "relationships with support organisations has already started. Monitoring of IT systems: planned."
        in letter.body
    )


def test_elements_with_different_judgements_each_say_their_own_sentence(framework, cheshire, inspector):
    letter = composed(framework, cheshire, inspector, ["Already commenced", "Planned", "No information"])
    assert (
        "Reflects the national strategy: already commenced. Monitoring of IT systems: planned. "
        "Work with support organisations: no information." in letter.body
    )
    assert "Work on" not in letter.body


def test_a_shared_judgement_without_a_grouped_sentence_is_said_element_by_element(framework, cheshire, inspector):
    letter = composed(framework, cheshire, inspector, ["Planned", "Planned", "Already commenced"])
    assert "Reflects the national strategy: planned. Monitoring of IT systems: planned." in letter.body


def test_an_element_without_a_phrase_says_its_own_sentence(framework, cheshire, inspector):
    set_phrase(framework, "Monitoring of IT systems", "")
    letter = composed(framework, cheshire, inspector, ["Already commenced", "Already commenced", "Already commenced"])
    assert (
        "Work on reflecting the national strategy and building relationships with support organisations has already "
        "started. Monitoring of IT systems: already commenced." in letter.body
    )


def test_the_qualifier_is_said_when_chosen_and_leaves_no_gap_when_not(framework, cheshire, kent, inspector):
    outcome = framework.outcome_categories.first()
    outcome.letter_paragraph = "Your force has $qualifier plans in place for $force_name."
    outcome.save()
    grouped = GroupedSentence.objects.get(review=framework)
    grouped.letter_sentence = "Your $qualifier plans cover $elements."
    grouped.save()
    comprehensive = Qualifier.objects.create(review=framework, phrase="comprehensive")
    labels = ["Already commenced", "Already commenced", "Planned"]

    with_qualifier = composed(framework, cheshire, inspector, labels, qualifier=comprehensive).body
    assert "Your force has comprehensive plans in place for Cheshire Constabulary." in with_qualifier
    assert "Your comprehensive plans cover reflecting" in with_qualifier

    without = composed(framework, kent, inspector, labels).body
    assert "Your force has plans in place for Kent Police." in without
    assert "Your plans cover reflecting the national strategy and monitoring" in without
    assert "\x00" not in without and "  " not in without


def test_a_qualifier_that_opens_a_passage_leaves_no_leading_space(framework, cheshire, inspector):
    outcome = framework.outcome_categories.first()
    outcome.letter_paragraph = "$qualifier Plans were received."
    outcome.save()
    letter = composed(framework, cheshire, inspector, ["Planned"] * 3)
    assert "\n\nPlans were received. Reflects" in letter.body


@pytest.fixture
def kent(forces):
    from forces.models import Force

    return Force.objects.get(slug="kent")


HOSTILE = '<script>alert("x")</script> $force_name *loud*'


def test_a_hostile_phrase_is_text_everywhere_it_is_shown(framework, cheshire, inspector, client):
    set_phrase(framework, "Monitoring of IT systems", HOSTILE)
    Qualifier.objects.create(review=framework, phrase="<b>bold</b>")
    letter = composed(
        framework,
        cheshire,
        inspector,
        ["Already commenced", "Already commenced", "Planned"],
        qualifier=None,
    )
    assert f"reflecting the national strategy and {HOSTILE} has already started." in letter.body  # never filled again
    client.force_login(inspector)
    for url in [
        reverse("letters:edit", args=[letter.pk]),
        reverse("letters:detail", args=[letter.pk]),
        reverse("reviews:review-framework", args=[framework.pk]),
        reverse("reviews:assessment", args=[framework.pk, "cheshire"]),
    ]:
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>bold</b>" not in html, url
    edit = client.get(reverse("letters:edit", args=[letter.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in edit


def test_the_editor_lists_which_sentence_came_from_which_judgement(framework, cheshire, inspector, client):
    letter = composed(framework, cheshire, inspector, ["Already commenced", "Planned", "Already commenced"])
    client.force_login(inspector)
    html = " ".join(client.get(reverse("letters:edit", args=[letter.pk])).content.decode().split())
    assert "Where the composed sentences came from" in html
    assert "<strong>Sentence 1</strong>: from the outcome ‘Insufficient information’" in html
    assert (
        "<strong>Sentence 2</strong>: from ‘Already commenced’ for Reflects the national strategy and Work with "
        "support organisations</p>" in html
    )
    assert "<strong>Sentence 3</strong>: from ‘Planned’ for Monitoring of IT systems</p>" in html
    assert "Not in the text now" not in html


def test_the_editor_marks_a_sentence_the_text_no_longer_says(framework, cheshire, inspector, client):
    letter = composed(framework, cheshire, inspector, ["Already commenced", "Already commenced", "Planned"])
    letter_edit(
        letter=letter,
        heading=letter.heading,
        body=letter.body.replace("has already started.", "is finished."),
        by=inspector,
    )
    client.force_login(inspector)
    html = " ".join(client.get(reverse("letters:edit", args=[letter.pk])).content.decode().split())
    assert "Reflects the national strategy and Monitoring of IT systems " in html
    assert "Not in the text now" in html


def test_inspectors_write_grouped_sentences_for_the_labels_elements_share(framework, inspector, client):
    client.force_login(inspector)
    url = reverse("letters:grouped-sentences", args=[framework.pk])
    page = client.get(url).content.decode()
    assert "When two or more elements are judged ‘Already commenced’" in page
    assert "When two or more elements are judged ‘No information’" in page
    # Labels in framework order: Already commenced, Planned, No information.
    shown = json.dumps(["Already commenced", "Planned", "No information"])
    data = {"sentence_0": "", "sentence_1": "Work on $elements is planned.", "sentence_2": "", "labels_shown": shown}
    response = client.post(url, data)
    assert response.status_code == 302
    assert dict(GroupedSentence.objects.filter(review=framework).values_list("label", "letter_sentence")) == {
        "Planned": "Work on $elements is planned."
    }
    template_page = client.get(reverse("letters:template", args=[framework.pk])).content.decode()
    assert "Work on $elements is planned." in template_page


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("Work has already started.", "Put $elements where the sentence names the elements."),
        ("Work on $elements at $force_nme.", "Unknown placeholder $force_nme"),
        ("$outcome_paragraph on $elements", "Unknown placeholder $outcome_paragraph"),
        ("$elements " + "x" * PASSAGE_CHARACTERS, "The sentence must be 2,000 characters or fewer"),
    ],
)
def test_a_grouped_sentence_is_checked_when_saved(framework, inspector, client, sentence, message):
    client.force_login(inspector)
    shown = json.dumps(["Already commenced", "Planned", "No information"])
    response = client.post(
        reverse("letters:grouped-sentences", args=[framework.pk]), {"sentence_0": sentence, "labels_shown": shown}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert GroupedSentence.objects.get(review=framework).letter_sentence == GROUPED


def test_grouped_sentences_are_not_saved_under_labels_that_changed_since_the_page_was_shown(
    framework, inspector, client
):
    client.force_login(inspector)
    url = reverse("letters:grouped-sentences", args=[framework.pk])
    shown = json.dumps(["Planned", "Already commenced", "No information"])  # another order: another numbering
    response = client.post(url, {"sentence_0": "Work on $elements is planned.", "labels_shown": shown})
    assert "The review&#x27;s judgements changed after you opened this page" in response.content.decode()
    assert GroupedSentence.objects.get(review=framework).letter_sentence == GROUPED


def test_element_phrases_and_qualifiers_are_entered_on_the_framework_pages(review, inspector, client):
    client.force_login(inspector)
    element = review.elements.get(name="Monitoring of IT systems")
    response = client.post(
        reverse("reviews:element-edit", args=[element.pk]),
        {
            "name": element.name,
            "phrase": "  monitoring your   IT systems ",
            "position": "1",
            "judgements": "Already commenced\nPlanned\nNo information",
        },
    )
    assert response.status_code == 302
    element.refresh_from_db()
    assert element.phrase == "monitoring your IT systems"
    create = reverse("reviews:qualifier-create", args=[review.pk])
    assert client.post(create, {"phrase": "comprehensive", "position": "0"}).status_code == 302
    again = client.post(create, {"phrase": "Comprehensive", "position": "1"})
    assert "This review already has this qualifier" in again.content.decode()
    framework_page = client.get(reverse("reviews:review-framework", args=[review.pk])).content.decode()
    assert "In a grouped sentence: ‘monitoring your IT systems’" in framework_page
    assert "comprehensive" in framework_page


def test_the_assessment_form_offers_the_qualifier_only_when_the_review_has_some(review, inspector, client):
    client.force_login(inspector)
    url = reverse("reviews:assessment", args=[review.pk, "cheshire"])
    assert "Qualifier for the force" not in client.get(url).content.decode()
    detailed = Qualifier.objects.create(review=review, phrase="detailed")
    assert "Qualifier for the force" in client.get(url).content.decode()
    data = {f"element_{element.pk}": element.judgements.first().pk for element in review.elements.all()}
    data["outcome"] = review.outcome_categories.first().pk
    assert client.post(url, {**data, "qualifier": detailed.pk}).status_code == 302
    assessment = Assessment.objects.get(review=review, force__slug="cheshire")
    assert assessment.qualifier == detailed
    force_page = client.get(reverse("reviews:force-in-review", args=[review.pk, "cheshire"])).content.decode()
    assert "Qualifier" in force_page and "detailed" in force_page
    assert client.post(url, {**data, "qualifier": ""}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.qualifier is None


def test_the_2017_letter_to_cheshire_says_the_work_already_started_in_one_sentence(forces, settings):
    """As the press quoted it: comprehensive plans; IT monitoring and work with the organisations that support
    vulnerable people already started; no evidence of a review of the counter-corruption unit."""
    settings.DEBUG = True
    call_command("load_demo_data", stdout=io.StringIO())
    body = Letter.objects.get(force__slug="cheshire", state=Letter.State.ISSUED).body
    assert (
        "We are pleased to inform you that your force has comprehensive plans in place and has started to implement "
        "them. It was also reassuring to see" in body
    )
    assert (
        "However, we could not find evidence of a review of the capability and capacity of your counter-corruption "
        "unit. Work on monitoring your IT systems actively and building relationships with the organisations that "
        "support vulnerable people has already started." in body
    )
