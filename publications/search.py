"""What the public lists read from one table: each published letter's supersession by a later version, and
its full-text search vector (PostgreSQL). Both are written here, by SQL over the letters, so that the pages
need neither an anti-join over every version nor a scan of every letter's text.

The functions take the models as arguments, so that migrations can call them with their own.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

SUPERSESSION_SQL = """
UPDATE {entries} SET superseded_at = (
    SELECT MIN(later.release_at)
    FROM {entries} AS later
    JOIN {letters} AS later_letter ON later_letter.id = later.letter_id
    JOIN {letters} AS letter ON letter.id = {entries}.letter_id
    WHERE later_letter.review_id = letter.review_id
      AND later_letter.force_id = letter.force_id
      AND later_letter.version > letter.version
      AND (later.withdrawn_at IS NULL OR later.withdrawn_at >= later.release_at)
)
WHERE letter_id IN (SELECT id FROM {letters} WHERE review_id = %s)
"""

VECTOR_SQL = """
UPDATE {entries} AS entry SET search_vector =
    setweight(to_tsvector('english', letter.heading || ' ' || letter.force_name), 'A')
    || setweight(to_tsvector('english', topic.name || ' ' || COALESCE(
        (SELECT string_agg(rename.former_name, ' ') FROM {renames} AS rename WHERE rename.topic_id = topic.id), ''
    )), 'A')
    || setweight(to_tsvector('english', review.title), 'B')
    || setweight(to_tsvector('english', letter.body), 'C')
FROM {letters} AS letter, {reviews} AS review, {recommendations} AS recommendation, {topics} AS topic
WHERE letter.id = entry.letter_id AND review.id = letter.review_id
  AND recommendation.id = review.recommendation_id AND topic.id = recommendation.topic_id
  AND {condition}
"""


def tables(entry_model):
    """The tables the SQL names, read from the models (so a migration's historical models work too)."""
    letter = entry_model._meta.get_field("letter").related_model
    review = letter._meta.get_field("review").related_model
    recommendation = review._meta.get_field("recommendation").related_model
    topic = recommendation._meta.get_field("topic").related_model
    rename = topic._meta.get_field("renames").related_model
    models = {
        "entries": entry_model,
        "letters": letter,
        "reviews": review,
        "recommendations": recommendation,
        "topics": topic,
        "renames": rename,
    }
    return {name: model._meta.db_table for name, model in models.items()}


def supersession_refresh(entry_model, review_ids):
    """Each published letter of these reviews superseded when its next version that was ever public is
    released (a version withdrawn before its release never was)."""
    sql = SUPERSESSION_SQL.format(**tables(entry_model))
    with connection.cursor() as cursor:
        for review_id in set(review_ids):
            cursor.execute(sql, [review_id])


def search_vectors_refresh(entry_model, *, review_ids=None, topic_id=None):
    """Write the search vectors of the letters of these reviews, or of this topic's, or all (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    if review_ids is not None:
        condition, params = "letter.review_id = ANY(%s)", [list(review_ids)]
    elif topic_id is not None:
        condition, params = "topic.id = %s", [topic_id]
    else:
        condition, params = "TRUE", []
    with connection.cursor() as cursor:
        cursor.execute(VECTOR_SQL.format(condition=condition, **tables(entry_model)), params)


# Ranking reads every candidate's vector: a word in half of fifty thousand letters would cost a pass over
# them all. The newest matches are ranked, at most this many (found through the release-time index).
RANKED_AT_MOST = 2000


def full_text_search(entries, text):
    """Entries matching the words (English stemming; "quoted phrases", -excluded words), best first, among
    the RANKED_AT_MOST newest matches."""
    query = SearchQuery(text, search_type="websearch", config="english")
    newest = entries.filter(search_vector=query).order_by("-release_at", "-pk").values("pk")[:RANKED_AT_MOST]
    ranked = entries.filter(pk__in=newest).annotate(rank=SearchRank(F("search_vector"), query))
    return ranked.order_by("-rank", "-release_at", "pk")


def word_search(entries, text, former_names):
    """SQLite, in development: every word must appear in the letter, its force, or its topic under any
    name it has had (`former_names(word)` gives the subquery for the last)."""
    for word in text.split()[:12]:
        entries = entries.filter(
            Q(letter__body__icontains=word)
            | Q(letter__heading__icontains=word)
            | Q(letter__force_name__icontains=word)
            | Q(letter__review__recommendation__topic__name__icontains=word)
            | former_names(word)
        )
    return entries
