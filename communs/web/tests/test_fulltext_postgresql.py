"""The full-text search rules on PostgreSQL: the tests of test_fulltext.py, run in the second
pass of `make test` (DATABASE_URL set to PostgreSQL, `-m scale`)."""

import pytest
from django.db import connection

from communs.web.tests.test_fulltext import *  # noqa: F403

pytestmark = [  # type: ignore[assignment]
    pytest.mark.scale,
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs DATABASE_URL on PostgreSQL"
    ),
]
