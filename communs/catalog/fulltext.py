"""Full-text indexes for word-start search, the same rules on SQLite and PostgreSQL.

What is indexed is already folded by ``search.words`` (accents and case removed, punctuation
turned into spaces), in Python, the same way on both databases; the query's words are folded
by the same function. A query word matches when it starts an indexed word, so both databases
answer with prefix queries on a token index instead of scanning every row with ``LIKE``:

- SQLite: an FTS5 table (``unicode61 remove_diacritics 2`` tokenizer, prefix indexes for
  two to four characters) that mirrors the table through triggers, queried with
  ``"word"*`` terms.
- PostgreSQL: a generated ``tsvector`` column (the ``simple`` configuration: the words are
  already folded, and a stemmer would break the "word start" rule shared with SQLite) under
  a GIN index, queried with ``to_tsquery('simple', 'word:*')``.

The indexes are (re)created after every ``migrate`` (``ensure_fulltext``) rather than by a
migration: on SQLite, Django rebuilds a table to alter it, which drops its triggers; the
check after each migration puts them back and rebuilds the index when they were missing.
Another database falls back to ``LIKE`` (``None`` from ``prefix_match``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q
from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class FullTextIndex:
    """The folded-words columns of a table, in order of relevance (the first is the title)."""

    table: str
    columns: tuple[str, ...]
    # A JSON list of exact codes (postcodes), indexed for whole-word matches only.
    codes: str = ""

    @property
    def fts(self) -> str:
        return f"{self.table}_fts"


REGISTRY: list[FullTextIndex] = []


def register(index: FullTextIndex) -> FullTextIndex:
    if index not in REGISTRY:
        REGISTRY.append(index)
    return index


def _sqlite_statements(index: FullTextIndex) -> tuple[list[str], list[str]]:
    columns = [*index.columns, *([index.codes] if index.codes else [])]
    names = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    table, fts = index.table, index.fts
    create = (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({names}, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')"
    )
    insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
    delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
    triggers = [
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {table} "
        f"BEGIN {delete} {insert} END",
    ]
    return [create], triggers


def _ensure_sqlite(index: FullTextIndex, connection: BaseDatabaseWrapper) -> None:
    tables, triggers = _sqlite_statements(index)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
            [f"{index.fts}_a_"],
        )
        complete = cursor.fetchone()[0] == len(triggers)
        for statement in [*tables, *triggers]:
            cursor.execute(statement)
        if not complete:  # new, or the table was rebuilt by a migration: index every row
            cursor.execute(f"INSERT INTO {index.fts}({index.fts}) VALUES ('rebuild')")


def _ensure_postgresql(index: FullTextIndex, connection: BaseDatabaseWrapper) -> None:
    weights = "ABCD"
    vector = " || ".join(
        f"setweight(to_tsvector('simple', coalesce({column}, '')), '{weights[rank]}')"
        for rank, column in enumerate(index.columns)
    )
    statements = [
        f"ALTER TABLE {index.table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX IF NOT EXISTS {index.table}_search_vector "
        f"ON {index.table} USING GIN (search_vector)",
    ]
    indexes = [f"{index.table}_search_vector"]
    if index.codes:
        statements.append(
            f"CREATE INDEX IF NOT EXISTS {index.table}_{index.codes} "
            f"ON {index.table} USING GIN ({index.codes} jsonb_path_ops)"
        )
        indexes.append(f"{index.table}_{index.codes}")
    # A GIN index's "fast update" queues new rows in a pending list that every search
    # reads through until a vacuum merges it: after a bulk load (an import, `communs
    # generate`), a search found nothing in 65 ms instead of 1. These tables are read far
    # more than written: rows go straight into the index, and what is pending is merged.
    for name in indexes:
        statements += [
            f"ALTER INDEX {name} SET (fastupdate = off)",
            f"SELECT gin_clean_pending_list('{name}'::regclass)",
        ]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def ensure_fulltext(using: str = "default") -> None:
    """Create what is missing of every registered index (safe to run again)."""
    connection = connections[using]
    introspected = set(connection.introspection.table_names())
    for index in REGISTRY:
        if index.table not in introspected:
            continue
        if connection.vendor == "sqlite":
            _ensure_sqlite(index, connection)
        elif connection.vendor == "postgresql":
            _ensure_postgresql(index, connection)


def prefix_match(index: FullTextIndex, terms: Sequence[str], using: str = "default") -> Q | None:
    """Rows of which every term starts an indexed word (any column), through the index;
    None on a database without one. Terms come from ``search.query_terms``: folded words."""
    vendor = connections[using].vendor
    if not terms:
        return Q(pk__in=[])
    if vendor == "sqlite":
        columns = " ".join(index.columns)
        expression = " AND ".join(f'{{{columns}}} : "{term}"*' for term in terms)
        sql = f"SELECT rowid FROM {index.fts} WHERE {index.fts} MATCH %s"
    elif vendor == "postgresql":
        expression = " & ".join(f"{term}:*" for term in terms)
        sql = f"SELECT id FROM {index.table} WHERE search_vector @@ to_tsquery('simple', %s)"
    else:
        return None
    return Q(pk__in=RawSQL(sql, [expression]))


def matching(
    index: FullTextIndex,
    terms: Sequence[str],
    code: str,
    equal: Sequence[tuple[str, str, str]] = (),
    using: str = "default",
) -> Q | None:
    """Rows whose words start with every term, or whose list of codes holds `code`, or
    found by `code` in one of the `equal` columns (table, id column, column): each way is
    read from its own index, ids only (no lookup of the table's rows), and their union picks
    the rows (an OR of them would make the database scan the table). None on a database
    without a full-text index."""
    vendor = connections[using].vendor
    selects: list[str] = []
    params: list[Any] = []
    if vendor == "sqlite":
        columns = " ".join(index.columns)
        match = f"SELECT rowid FROM {index.fts} WHERE {index.fts} MATCH %s"
        if terms:
            selects.append(match)
            params.append(" AND ".join(f'{{{columns}}} : "{term}"*' for term in terms))
        if index.codes and code.isalnum():  # a code is one word; anything else is not one
            selects.append(match)
            params.append(f'{index.codes} : "{code}"')
    elif vendor == "postgresql":
        if terms:
            selects.append(
                f"SELECT id FROM {index.table} WHERE search_vector @@ to_tsquery('simple', %s)"
            )
            params.append(" & ".join(f"{term}:*" for term in terms))
        if index.codes and code.isalnum():
            selects.append(f"SELECT id FROM {index.table} WHERE {index.codes} @> %s::jsonb")
            params.append(json.dumps([code]))
    else:
        return None
    if code:
        for table, id_column, column in equal:
            selects.append(f"SELECT {id_column} FROM {table} WHERE {column} = %s")
            params.append(code)
    if not selects:
        return Q(pk__in=[])
    return Q(pk__in=RawSQL(" UNION ALL ".join(selects), params))
