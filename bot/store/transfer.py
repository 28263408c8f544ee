"""Copy a bot's SQLite database into PostgreSQL, then check the copy row by row."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .core import DOCTOR_MARK, statements
from .migrations import MIGRATIONS

_CREATE = re.compile(r"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", re.IGNORECASE)


class TransferError(Exception):
    """The copy cannot be made or does not match; the text says which table and why."""


@dataclass(frozen=True, slots=True)
class TableCopy:
    table: str
    source_rows: int
    copied_rows: int
    matching_rows: int

    @property
    def ok(self) -> bool:
        return self.source_rows == self.copied_rows == self.matching_rows


@dataclass(frozen=True, slots=True)
class TransferReport:
    tables: tuple[TableCopy, ...]
    skipped: tuple[str, ...]  # tables in the file the bot's schema does not know

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)


def schema_tables(version: int | None = None) -> list[str]:
    """The bot's tables in the order the migrations create them, so a row's parent comes first;
    with `version`, those a database of that schema version holds."""
    tables = []
    for script in MIGRATIONS[:version]:
        for statement in statements(script):
            match = _CREATE.match(statement)
            if match:
                tables.append(match.group(1).lower())
    return tables


async def transfer(source, target) -> TransferReport:
    """Copy every table of `source` (an open SQLite store) into `target` (an open, empty PostgreSQL
    store, opened with migrate=False) in one transaction, then compare each table's rows on both sides.

    Refuses a target that already holds rows: merging two bots' data is not a copy. The target's
    schema is made in the same transaction, after that check, so a refusal leaves it as it was.
    """
    present = await source.counts()
    tables = [t for t in schema_tables() if t in present]
    skipped = tuple(sorted(t for t in present if t not in tables))
    raw = target.db.raw
    copied: dict[str, list[tuple[Any, ...]]] = {}
    async with raw.transaction():
        held = await _rows_held(target)
        if held:
            listed = ", ".join(f"{table} ({n})" for table, n in sorted(held.items()))
            raise TransferError(f"the target already holds rows: {listed}; copy into an empty database")
        await target.migrate()
        await raw.execute("DELETE FROM meta WHERE key = $1", DOCTOR_MARK)  # the source's own mark comes over
        for table in tables:
            columns, rows = await _sqlite_rows(source, table)
            copied[table] = rows
            if rows:
                try:
                    await raw.copy_records_to_table(table, records=rows, columns=columns)
                except Exception as exc:  # a value PostgreSQL's column type refuses, say
                    raise TransferError(f"table {table} could not be copied ({exc}); nothing was copied") from exc
            if "id" in columns:  # new rows continue after the copied ids
                await raw.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")
    results = []
    for table in tables:
        columns, _ = await _sqlite_rows(source, table)
        names = ", ".join(columns)
        there = [tuple(r) for r in await raw.fetch(f"SELECT {names} FROM {table}")]
        here, theirs = Counter(copied[table]), Counter(there)
        matching = sum((here & theirs).values())
        results.append(TableCopy(table, len(copied[table]), len(there), matching))
    return TransferReport(tuple(results), skipped)


async def _rows_held(target) -> dict[str, int]:
    """Rows in the target schema's tables, Citebot's or any other's; `citebot doctor`'s mark on a
    database it checked (meta's DOCTOR_MARK) is not data."""
    counts = await target.counts()
    if counts.get("meta") and await target.version():  # Citebot's meta, not another program's
        counts["meta"] -= await target.db.raw.fetchval("SELECT count(*) FROM meta WHERE key = $1", DOCTOR_MARK)
    return {table: n for table, n in counts.items() if n}


async def _sqlite_rows(store, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    # Table names come from the bot's own migrations, never from users.
    async with store.db.execute(f'SELECT * FROM "{table}"') as cursor:
        columns = [d[0] for d in cursor.description]
        rows = [tuple(row) async for row in cursor]
    return columns, rows
