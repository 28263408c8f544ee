"""The store's core: the connection, migrations, server settings and the question log."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from .migrations import MIGRATIONS

log = logging.getLogger(__name__)

_UNSET: Any = object()


def now() -> str:
    """The current time as stored: UTC, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class GuildSettings:
    guild_id: int
    moderator_role_id: int | None = None
    ephemeral: bool = False
    sources: tuple[str, ...] | None = None  # None: every text
    timezone: str = "UTC"


class CoreStore:
    """The connection and the tables every part of the bot uses."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db: aiosqlite.Connection | None = None

    async def open(self) -> CoreStore:
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        self._db.row_factory = aiosqlite.Row
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute("PRAGMA foreign_keys=ON")
        await self._db.execute("PRAGMA busy_timeout=5000")
        await self._migrate()
        return self

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None

    async def __aenter__(self):
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("the store is not open")
        return self._db

    async def _migrate(self) -> None:
        version = await self.version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            log.info("applying database migration %d to %s", number, self.path)
            await self.db.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")

    async def version(self) -> int:
        async with self.db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    # -- meta -----------------------------------------------------------------------------------

    async def get_meta(self, key: str) -> str | None:
        async with self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)) as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def set_meta(self, key: str, value: str) -> None:
        await self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))
        await self.db.commit()

    # -- settings -------------------------------------------------------------------------------

    async def settings(self, guild_id: int | None) -> GuildSettings:
        if guild_id is None:
            return GuildSettings(0)
        async with self.db.execute("SELECT * FROM guild_settings WHERE guild_id = ?", (guild_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return GuildSettings(guild_id)
        sources = json.loads(row["sources"]) if row["sources"] else None
        return GuildSettings(guild_id, row["moderator_role_id"], bool(row["ephemeral"]),
                             tuple(sources) if sources is not None else None, row["timezone"])

    async def update_settings(self, guild_id: int, *, moderator_role_id: int | None = _UNSET,
                              ephemeral: bool = _UNSET, sources: tuple[str, ...] | None = _UNSET,
                              timezone: str = _UNSET) -> GuildSettings:
        current = await self.settings(guild_id)
        values = {
            "moderator_role_id": current.moderator_role_id if moderator_role_id is _UNSET else moderator_role_id,
            "ephemeral": int(current.ephemeral if ephemeral is _UNSET else ephemeral),
            "sources": json.dumps(list(current.sources if sources is _UNSET else sources))
            if (current.sources if sources is _UNSET else sources) is not None else None,
            "timezone": current.timezone if timezone is _UNSET else timezone,
        }
        await self.db.execute(
            """INSERT INTO guild_settings (guild_id, moderator_role_id, ephemeral, sources, timezone)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (guild_id) DO UPDATE SET moderator_role_id = excluded.moderator_role_id,
                   ephemeral = excluded.ephemeral, sources = excluded.sources, timezone = excluded.timezone""",
            (guild_id, values["moderator_role_id"], values["ephemeral"], values["sources"], values["timezone"]),
        )
        await self.db.commit()
        return await self.settings(guild_id)

    async def apply_settings(self, guild_id: int, *, moderator_role_id: int | None = _UNSET,
                             ephemeral: bool = _UNSET, sources: tuple[str, ...] | None = _UNSET,
                             timezone: str = _UNSET, channel: tuple[int, str | None] | None = None) -> GuildSettings:
        """Several settings (and one channel's text) in one transaction: all of them are stored or none.

        Only the columns named are written, so a change never puts back another's stale values.
        """
        given = {"moderator_role_id": moderator_role_id, "ephemeral": ephemeral, "sources": sources,
                 "timezone": timezone}
        columns = {name: value for name, value in given.items() if value is not _UNSET}
        if "ephemeral" in columns:
            columns["ephemeral"] = int(columns["ephemeral"])
        if "sources" in columns and columns["sources"] is not None:
            columns["sources"] = json.dumps(list(columns["sources"]))
        try:
            if columns:
                # Column names come from the fixed set above, never from users.
                names = ", ".join(columns)
                marks = ", ".join("?" for _ in columns)
                updates = ", ".join(f"{name} = excluded.{name}" for name in columns)
                await self.db.execute(f"INSERT INTO guild_settings (guild_id, {names}) VALUES (?, {marks}) "
                                      f"ON CONFLICT (guild_id) DO UPDATE SET {updates}",
                                      (guild_id, *columns.values()))
            if channel is not None:
                await self._bind(guild_id, *channel)
        except BaseException:
            await self.db.rollback()
            raise
        await self.db.commit()
        return await self.settings(guild_id)

    async def bind_channel(self, guild_id: int, channel_id: int, source: str | None) -> None:
        """Questions asked in this channel (or a thread in it) go to this text; None unbinds."""
        await self._bind(guild_id, channel_id, source)
        await self.db.commit()

    async def _bind(self, guild_id: int, channel_id: int, source: str | None) -> None:
        if source is None:
            await self.db.execute("DELETE FROM channel_texts WHERE guild_id = ? AND channel_id = ?",
                                  (guild_id, channel_id))
        else:
            await self.db.execute(
                """INSERT INTO channel_texts (guild_id, channel_id, source) VALUES (?, ?, ?)
                   ON CONFLICT (guild_id, channel_id) DO UPDATE SET source = excluded.source""",
                (guild_id, channel_id, source))

    async def channel_text(self, guild_id: int | None, *channel_ids: int | None) -> str | None:
        """The text bound to the first of these channels that has one (a thread, then its parent)."""
        if guild_id is None:
            return None
        for channel_id in channel_ids:
            if channel_id is None:
                continue
            async with self.db.execute("SELECT source FROM channel_texts WHERE guild_id = ? AND channel_id = ?",
                                       (guild_id, channel_id)) as cursor:
                row = await cursor.fetchone()
            if row is not None:
                return row["source"]
        return None

    # -- questions and feedback -------------------------------------------------------------------

    async def log_question(self, *, guild_id: int | None, channel_id: int | None, question: str,
                           kind: str, entry_id: str | None, confidence: float) -> int:
        cursor = await self.db.execute(
            """INSERT INTO questions (guild_id, channel_id, question, kind, entry_id, confidence, asked_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (guild_id, channel_id, question[:2000], kind, entry_id, float(confidence), now()),
        )
        await self.db.commit()
        return int(cursor.lastrowid or 0)

    async def record_feedback(self, question_id: int, user_id: int, vote: int) -> None:
        """One vote per member per answer; voting again replaces the vote."""
        if vote not in (-1, 1):
            raise ValueError("vote must be 1 or -1")
        await self.db.execute(
            """INSERT INTO feedback (question_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (question_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at""",
            (question_id, user_id, vote, now()),
        )
        await self.db.commit()

    async def feedback_for(self, question_id: int) -> tuple[int, int]:
        """(up votes, down votes) for one answer."""
        async with self.db.execute(
            "SELECT SUM(vote = 1), SUM(vote = -1) FROM feedback WHERE question_id = ?", (question_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)

    async def counts(self) -> dict[str, int]:
        """How many rows each table holds, for `citebot db`."""
        tables = []
        async with self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ) as cursor:
            tables = [row[0] async for row in cursor]
        counts = {}
        for table in tables:
            # Table names come from sqlite_master, never from users.
            async with self.db.execute(f'SELECT COUNT(*) FROM "{table}"') as cursor:
                row = await cursor.fetchone()
            counts[table] = int(row[0]) if row else 0
        return counts

    async def kinds(self, guild_id: int | None = None) -> dict[str, int]:
        """Answers per kind, for one server or all."""
        sql = "SELECT kind, COUNT(*) FROM questions"
        args: tuple[Any, ...] = ()
        if guild_id is not None:
            sql += " WHERE guild_id = ?"
            args = (guild_id,)
        async with self.db.execute(sql + " GROUP BY kind", args) as cursor:
            return {row[0]: int(row[1]) async for row in cursor}
