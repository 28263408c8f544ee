"""The store's core: the connection, migrations, server settings and the question log."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from .migrations import MIGRATIONS
from .postgres import PG_RESTORE, VERSION_TABLE, Connection, is_postgres, redact, schema

log = logging.getLogger(__name__)

_UNSET: Any = object()
# Another process (the bot and `citebot db`, or two loops) may hold the write lock this long.
BUSY_TIMEOUT_MS = 5000
WAL_RETRY_SECONDS = 0.02  # short: the other opener holds the lock for milliseconds
WAL_ATTEMPTS = int(BUSY_TIMEOUT_MS / 1000 / WAL_RETRY_SECONDS)
DOCTOR_MARK = "doctor_checked_at"  # the meta key `citebot doctor` writes to prove a database writable
SERVED_KNOWLEDGE = "knowledge_folder"  # the meta key naming the knowledge folder the bot serves


# `record_feedback` with no server named: the vote counts whichever server the answer was in.
ANY_SERVER = object()

class StoreError(Exception):
    """The database cannot be used; the text names the file and what to do about it."""

    def __init__(self, path: Path | str, problem: str, fix: str) -> None:
        super().__init__(f"the database {path} {problem}; {fix}")
        self.path = path

    @classmethod
    def explain(cls, path: Path | str, exc: BaseException, *, setting: str = "CITEBOT_DB") -> StoreError:
        """Turn SQLite's, PostgreSQL's or the file system's complaint into what an owner can act on;
        `setting` is where the database was named (CITEBOT_DB, or a command's option such as --to)."""
        text = str(exc).lower()
        if isinstance(path, str):
            return cls._explain_server(path, exc, text, setting)
        if isinstance(exc, IsADirectoryError):
            return cls(path, "is a folder, not a file",
                       f"set {setting} to a file name, e.g. citebot.db inside that folder")
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return cls(path, "is damaged or not a SQLite database",
                       f"move it aside (the bot then starts a new one) or set {setting} to the right file")
        if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError) or "unable to open" in text:
            return cls(path, "cannot be written",
                       f"give the bot's user write access to the file and its folder, or set {setting} elsewhere")
        if "locked" in text or "busy" in text:
            return cls(path, "is locked by another program",
                       "stop the other program using it (another bot running?) and try again")
        return cls(path, f"cannot be used ({exc})", f"check the file, or set {setting} to another one")

    @classmethod
    def _explain_server(cls, url: str, exc: BaseException, text: str, setting: str) -> StoreError:
        if "password" in text or "authentication" in text or ("role" in text and "does not exist" in text):
            return cls(url, "refused the user or password", f"check the user and password in {setting}")
        if "database" in text and "does not exist" in text:
            return cls(url, "does not exist on that server", f"create it (createdb) or name another in {setting}")
        if isinstance(exc, OSError | TimeoutError) or "connect" in text:
            return cls(url, f"cannot be reached ({exc})", f"start PostgreSQL or correct the host and port in {setting}")
        return cls(url, f"cannot be used ({exc})", f"check the server's log, or set {setting} to another database")


def _create_private(path: Path) -> None:
    """Create a new database file readable by its owner alone: it holds members' questions and ids.
    (SQLite gives its -wal and -shm files the database's permissions.) An existing file is left as it is."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


def now() -> str:
    """The current time as stored: UTC, ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class MovedCitation:
    """A citation in a server's own entry, prompt or suggestion whose passage moved (`kb fix-citations`)."""

    guild_id: int
    kind: str  # "entry" | "prompt" | "suggestion"
    name: str  # the entry's id, "custom-3", "#4"
    source: str
    old: int
    new: int


@dataclass(frozen=True, slots=True)
class GuildSettings:
    guild_id: int
    moderator_role_id: int | None = None
    ephemeral: bool = False
    sources: tuple[str, ...] | None = None  # None: every text
    timezone: str = "UTC"
    curator_role_id: int | None = None


def database_errors() -> tuple[type[BaseException], ...]:
    """What either database (or the file system, or the network under it) raises when it cannot serve."""
    errors: tuple[type[BaseException], ...] = (sqlite3.Error, OSError, TimeoutError)
    try:
        import asyncpg
    except ImportError:
        return errors
    return (*errors, asyncpg.PostgresError, asyncpg.InterfaceError)


class CoreStore:
    """The connection and the tables every part of the bot uses.

    `target` is a SQLite file, or a `postgresql://` URL for a server several processes share.
    """

    def __init__(self, target: Path | str, *, migrate: bool = True, setting: str = "CITEBOT_DB") -> None:
        self.url: str | None = target.strip() if is_postgres(target) else None
        self._migrates = migrate  # False: opened as it is, for the caller to `migrate()` when it chooses
        self.setting = setting  # where the database was named, for what its errors tell the owner to change
        self.path: Path = Path(target) if self.url is None else Path()
        self._db: Any = None
        self._file: tuple[int, int] | None = None  # (device, inode) of the file opened
        self._file_lock = asyncio.Lock()

    @property
    def where(self) -> Path | str:
        """The file, or the server's URL without its password: for messages."""
        return redact(self.url) if self.url else self.path

    async def open(self) -> CoreStore:
        """Connect and migrate; StoreError (with the connection closed again) if the file is unusable."""
        if self.url:
            return await self._open_server()
        try:
            if self.path.is_dir():  # checked first: aiosqlite's failed connect leaves its thread to die noisily
                raise IsADirectoryError(str(self.path))
            if self.path.parent and not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
            _create_private(self.path)
            await self._connect()
            if self._migrates:
                await self._migrate()
        except (sqlite3.Error, OSError) as exc:
            # An unclosed aiosqlite connection keeps its thread alive and the process never exits.
            await self.close()
            raise StoreError.explain(self.path, exc, setting=self.setting) from exc
        except BaseException:
            await self.close()
            raise
        return self

    async def _open_server(self) -> CoreStore:
        try:
            self._db = await Connection.connect(self.url or "")
            if self._migrates:
                await self._migrate_server()
        except ImportError as exc:
            await self.close()
            raise StoreError(self.where, "needs the PostgreSQL driver",
                             "install it with pip install asyncpg (all the postgres extra holds)") from exc
        except database_errors() as exc:
            await self.close()
            raise StoreError.explain(str(self.where), exc, setting=self.setting) from exc
        except BaseException:
            await self.close()
            raise
        return self

    async def _connect(self) -> None:
        self._db = await aiosqlite.connect(self.path)
        self._db.row_factory = aiosqlite.Row
        await self._db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        await self._wal()
        await self._db.execute("PRAGMA foreign_keys=ON")
        self._file = self._identity()

    async def _wal(self) -> None:
        """Switch to WAL. SQLite answers "locked" at once (no busy wait) while another connection
        is switching the same new file, so that is retried for as long as the busy timeout."""
        for attempt in range(WAL_ATTEMPTS):
            try:
                await self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == WAL_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(WAL_RETRY_SECONDS)

    def _identity(self) -> tuple[int, int] | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return stat.st_dev, stat.st_ino

    async def close(self) -> None:
        if self._db is not None:
            db, self._db = self._db, None
            await db.close()

    async def __aenter__(self):
        return await self.open()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Any:
        """The connection: aiosqlite's, or the PostgreSQL one that takes the same calls."""
        if self._db is None:
            raise RuntimeError("the store is not open")
        return self._db

    @property
    def dialect(self) -> str:
        return "postgresql" if self.url else "sqlite"

    def _check_not_newer(self, version: int) -> None:
        """A database a newer Citebot has migrated is not one this code knows how to use."""
        if version > len(MIGRATIONS):
            how = f"with the bot stopped: {PG_RESTORE.format(file='FILE')}" if self.url \
                else "citebot db restore FILE"
            raise StoreError(self.where, f"was made by a newer Citebot (schema {version}; this one knows "
                             f"{len(MIGRATIONS)})", f"upgrade Citebot again, or restore the backup taken before "
                             f"the upgrade ({how})")

    async def migrate(self) -> None:
        """Bring the schema up to date, as `open` does unless the store was made with migrate=False.
        On PostgreSQL, inside a transaction the caller holds, it is undone if that one is."""
        try:
            await (self._migrate_server() if self.url else self._migrate())
        except database_errors() as exc:
            raise StoreError.explain(str(self.where) if self.url else self.path, exc, setting=self.setting) from exc

    async def _migrate(self) -> None:
        version = await self.version()
        self._check_not_newer(version)
        if version >= len(MIGRATIONS):
            return  # up to date: no write lock, so a read-only copy can still be read
        # Another process may be migrating the same file: take the write lock, then look again.
        await self.db.execute("BEGIN IMMEDIATE")
        try:
            version = await self.version()
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                log.info("applying database migration %d to %s", number, self.path)
                for statement in statements(script):
                    await self.db.execute(statement)
                await self.db.execute(f"PRAGMA user_version = {number}")
            await self.db.commit()
        except BaseException:
            await self.db.rollback()
            raise

    async def _migrate_server(self) -> None:
        """As `_migrate`, for PostgreSQL: processes starting together take turns on an advisory lock
        (per schema), and the one that finds work left does it; the others find it done."""
        version = await self.version()
        self._check_not_newer(version)
        if version >= len(MIGRATIONS):
            return
        raw = self.db.raw
        async with raw.transaction():
            await raw.execute("SELECT pg_advisory_xact_lock(hashtext('citebot migrations ' || current_schema()))")
            await raw.execute(f"CREATE TABLE IF NOT EXISTS {VERSION_TABLE} (version INTEGER NOT NULL)")
            version = int(await raw.fetchval(f"SELECT COALESCE(MAX(version), 0) FROM {VERSION_TABLE}"))
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                log.info("applying database migration %d to %s", number, self.where)
                for statement in statements(script):
                    await raw.execute(schema(statement))
                await raw.execute(f"DELETE FROM {VERSION_TABLE}")
                await raw.execute(f"INSERT INTO {VERSION_TABLE} (version) VALUES ($1)", number)

    async def commit(self) -> None:
        """Commit, then make sure the file is still where it was opened (see `check_file`)."""
        await self.db.commit()
        try:
            await self.check_file()
        except (sqlite3.Error, OSError):
            # The commit itself went through (into the open file); the next one tries again.
            log.exception("could not write the database %s back to its place; trying again at the next write",
                          self.path)

    async def check_file(self) -> None:
        """Notice a database file deleted or replaced while the bot runs, before more work is lost.

        Deleted: the open connection still holds every row, so it is written back to the path and
        reopened. Replaced (a backup restored): the new file is opened. Either way it is logged.
        """
        if self._db is None or self.url or self._identity() == self._file:
            return
        async with self._file_lock:
            if self._db is None or self._identity() == self._file:
                return  # another caller dealt with it
            if self._identity() is None:
                log.error("the database %s was deleted while the bot was running; writing the bot's open copy "
                          "back so nothing is lost (stop the bot before moving or deleting its database)", self.path)
                await self._write_back()
            else:
                log.error("the database %s was replaced while the bot was running; using the new file "
                          "(what was written to the old one since it was replaced is not in it)", self.path)
            await self.close()
            await self._connect()
            await self._migrate()

    async def _write_back(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".restoring")
        partial.unlink(missing_ok=True)
        await self.db.execute("VACUUM INTO ?", (str(partial),))
        await self.close()  # checkpoints into the deleted file and drops its -wal and -shm
        os.replace(partial, self.path)

    async def version(self) -> int:
        if self.url:
            raw = self.db.raw
            if await raw.fetchval("SELECT to_regclass($1)", VERSION_TABLE) is None:
                return 0
            return int(await raw.fetchval(f"SELECT COALESCE(MAX(version), 0) FROM {VERSION_TABLE}"))
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
        await self.commit()

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
                             tuple(sources) if sources is not None else None, row["timezone"],
                             row["curator_role_id"])

    async def update_settings(self, guild_id: int, **changes: Any) -> GuildSettings:
        """Change only the settings given (moderator_role_id, ephemeral, sources, timezone), in one
        statement: two moderators changing different settings at once both keep their change."""
        return await self.apply_settings(guild_id, **changes)

    async def apply_settings(self, guild_id: int, *, moderator_role_id: int | None = _UNSET,
                             ephemeral: bool = _UNSET, sources: tuple[str, ...] | None = _UNSET,
                             timezone: str = _UNSET, channels: Sequence[tuple[int, str | None]] = (),
                             curator_role_id: int | None = _UNSET) -> GuildSettings:
        """Several settings (and channels' texts, None for every text) in one transaction: all of them are
        stored or none.

        Only the columns named are written, so a change never puts back another's stale values.
        """
        given = {"moderator_role_id": moderator_role_id, "ephemeral": ephemeral, "sources": sources,
                 "timezone": timezone, "curator_role_id": curator_role_id}
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
            for channel_id, source in channels:
                await self._bind(guild_id, channel_id, source)
        except BaseException:
            await self.db.rollback()
            raise
        await self.commit()
        return await self.settings(guild_id)

    async def bind_channel(self, guild_id: int, channel_id: int, source: str | None) -> None:
        """Questions asked in this channel (or a thread in it) go to this text; None unbinds."""
        await self._bind(guild_id, channel_id, source)
        await self.commit()

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

    async def channel_texts(self, guild_id: int) -> list[tuple[int, str]]:
        """Every channel of a server bound to one text, with that text, by channel id."""
        async with self.db.execute("SELECT channel_id, source FROM channel_texts WHERE guild_id = ? "
                                   "ORDER BY channel_id", (guild_id,)) as cursor:
            return [(int(row[0]), row[1]) async for row in cursor]

    # -- questions and feedback -------------------------------------------------------------------

    async def log_question(self, *, guild_id: int | None, channel_id: int | None, question: str,
                           kind: str, entry_id: str | None, confidence: float) -> int:
        cursor = await self.db.execute(
            """INSERT INTO questions (guild_id, channel_id, question, kind, entry_id, confidence, asked_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (guild_id, channel_id, question[:2000], kind, entry_id, float(confidence), now()),
        )
        await self.commit()
        return int(cursor.lastrowid or 0)

    async def record_feedback(self, question_id: int, user_id: int, vote: int, *,
                              guild_id: int | object | None = ANY_SERVER) -> bool:
        """One vote per member per answer; voting again replaces the vote. With `guild_id`, only on
        an answer given in that server (None: in direct messages): a vote is never counted on
        another server's question. Whether the vote was recorded."""
        if vote not in (-1, 1):
            raise ValueError("vote must be 1 or -1")
        if guild_id is not ANY_SERVER:
            async with self.db.execute("SELECT guild_id FROM questions WHERE id = ?", (question_id,)) as rows:
                row = await rows.fetchone()
            if row is None or row[0] != guild_id:
                return False
        await self.db.execute(
            """INSERT INTO feedback (question_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (question_id, user_id) DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at""",
            (question_id, user_id, vote, now()),
        )
        await self.commit()
        return True

    async def feedback_for(self, question_id: int) -> tuple[int, int]:
        """(up votes, down votes) for one answer."""
        async with self.db.execute(
            "SELECT SUM(CASE WHEN vote = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END) "
            "FROM feedback WHERE question_id = ?", (question_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return (int(row[0] or 0), int(row[1] or 0)) if row else (0, 0)

    async def counts(self) -> dict[str, int]:
        """How many rows each table holds, for `citebot db`."""
        listing = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                   if not self.url else
                   "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                   f"AND table_type = 'BASE TABLE' AND table_name <> '{VERSION_TABLE}' ORDER BY table_name")
        async with self.db.execute(listing) as cursor:
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


def statements(script: str) -> list[str]:
    """A migration's statements one by one (executescript would commit the lock away first)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
