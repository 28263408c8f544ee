"""Each server's own numbers for what its people name: suggestion #3, prompt custom-3, change #3.

Row ids are shared by every server, so they would tell one server how busy the others are. These
count from 1 in each server. One counter row per server and kind hands them out: a single upsert
raises it and returns the new value, and the row stays locked until the caller's transaction ends
(SQLite's write lock, PostgreSQL's row lock), so two processes never take the same number. A
counter only goes up, so a number is never given again, even after its row is deleted.
"""

from __future__ import annotations

from typing import Any

SUGGESTION = "suggestion"
PROMPT = "prompt"
CHANGE = "change"


async def next_number(db: Any, guild_id: int, kind: str) -> int:
    """The server's next number of this kind, taken in the caller's transaction: the caller inserts
    the row that carries it before committing, and rolls back on failure (which gives it back)."""
    async with db.execute(
            "INSERT INTO guild_numbers (guild_id, kind, issued) VALUES (?, ?, 1) "
            "ON CONFLICT (guild_id, kind) DO UPDATE SET issued = guild_numbers.issued + 1 RETURNING issued",
            (guild_id, kind)) as rows:
        row = await rows.fetchone()
    return int(row[0])


async def insert_numbered(db: Any, table: str, guild_id: int, kind: str, fields: dict[str, Any]) -> int:
    """Insert a row of the server's with its next number of this kind, in the caller's transaction
    (`next_number`); the number it was given."""
    number = await next_number(db, guild_id, kind)
    columns = ("guild_id", "number", *fields)
    await db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                     (guild_id, number, *fields.values()))
    return number
