"""On SQLite a committing test lifts the issued-letter triggers for its flush; the next test has them back."""

import pytest
from django.db import connection


def test_a_transactional_test_first(transactional_letters):
    pass


def test_triggers_are_back_after_it(transactional_db):  # runs after the test above, in file order
    if connection.vendor != "sqlite":
        pytest.skip("sqlite")
    with connection.cursor() as cursor:
        names = [row[0] for row in cursor.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall()]
    assert {"letters_letter_issued_no_update", "letters_letter_issued_no_delete"} <= set(names)
