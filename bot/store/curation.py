"""The store's curation tables: a server's own entries and texts, every change to them, open forms.

Entries are kept as JSON records (`exchange.entry_record`); a change keeps the state before and
after it, so any change can be undone by writing its `before` back as a new change.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from .core import MovedCitation, now
from .numbers import CHANGE, insert_numbered

# A form waits for its Fix it or Confirm this long: a curator comes back to it the same day or starts
# again, and a form is a curator's draft, not a record worth keeping (the changes are the record).
FORM_LIFETIME = timedelta(days=1)

# A state as stored: {"entry": record, "retired": bool}, or None for "no row" (the shared entry serves).
StoredState = dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Change:
    """One curator's change to one entry of one server."""

    number: int  # the server's own (#N, as undo takes it): #1 is each server's first
    guild_id: int
    entry_id: str
    action: str
    before: StoredState
    after: StoredState
    user_id: int
    changed_at: str


@dataclass(frozen=True, slots=True)
class RemovedText:
    """What a server's removed text took with it."""

    unbound: tuple[int, ...]  # the channels that were bound to it
    was_chosen: bool  # whether it was among the texts the server chose


@dataclass(frozen=True, slots=True)
class GuildRows:
    """What one server stored: its texts (id, source file text) and entry states (id, state)."""

    texts: list[tuple[str, str]]
    entries: list[tuple[str, dict[str, Any]]]


def _change(row: Any) -> Change:
    return Change(row["number"], row["guild_id"], row["entry_id"], row["action"],
                  json.loads(row["before_state"]) if row["before_state"] else None,
                  json.loads(row["after_state"]) if row["after_state"] else None,
                  row["user_id"], row["changed_at"])


class CurationStore:
    """Mixed into Store; relies on its `db` connection."""

    db: Any  # aiosqlite's connection, or the PostgreSQL one that takes the same calls
    commit: Callable[[], Awaitable[None]]

    async def guild_rows(self, guild_id: int | None = None) -> dict[int, GuildRows]:
        """Every server's stored texts and entries (or one server's), to serve at start."""
        where, args = (" WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        out: dict[int, GuildRows] = {}
        async with self.db.execute(f"SELECT guild_id, source_id, content FROM guild_texts{where} "
                                   "ORDER BY added_at, source_id", args) as rows:
            async for row in rows:
                out.setdefault(row[0], GuildRows([], [])).texts.append((row[1], row[2]))
        async with self.db.execute(f"SELECT guild_id, entry_id, body, retired FROM guild_entries{where} "
                                   "ORDER BY changed_at, entry_id", args) as rows:
            async for row in rows:
                state = {"entry": json.loads(row[2]), "retired": bool(row[3])}
                out.setdefault(row[0], GuildRows([], [])).entries.append((row[1], state))
        return out

    async def knowledge_versions(self) -> dict[int, str]:
        """For every server with texts or entry changes of its own, a value that changes whenever
        they do: a running bot reloads a server whose value moved (a change from the terminal, or
        from another process)."""
        found: dict[int, list[str]] = {}
        async with self.db.execute("SELECT guild_id, MAX(id) FROM entry_changes GROUP BY guild_id") as rows:
            async for row in rows:
                found.setdefault(row[0], []).append(f"change {row[1]}")
        async with self.db.execute("SELECT guild_id, source_id, added_at, LENGTH(content) FROM guild_texts "
                                   "ORDER BY guild_id, source_id") as rows:
            async for row in rows:
                found.setdefault(row[0], []).append(f"{row[1]} {row[2]} {row[3]}")
        return {guild_id: "; ".join(parts) for guild_id, parts in found.items()}

    async def entries_citing(self, moves: Mapping[str, Mapping[int, int]], *,
                             renumber: bool = False) -> list[MovedCitation]:
        """Each citation of a server's own entry on a passage that moved (text -> old -> new passage);
        with `renumber`, renumbered in one transaction. What a server changed and when stays as it
        was: renumbering changes no entry's meaning."""
        found, changed = [], []
        async with self.db.execute("SELECT guild_id, entry_id, body FROM guild_entries ORDER BY guild_id, entry_id") \
                as rows:
            async for row in rows:
                record = json.loads(row[2])
                moved = []
                for cite in record.get("cite") or []:
                    source = cite.get("source") or record["source"]
                    to = moves.get(source, {})
                    if to.get(cite.get("passage"), cite.get("passage")) != cite.get("passage"):
                        moved.append(MovedCitation(row[0], "entry", row[1], source, cite["passage"],
                                                   to[cite["passage"]]))
                        cite["passage"] = to[cite["passage"]]
                if moved:
                    found += moved
                    changed.append((row[0], row[1], json.dumps(record)))
        if renumber and changed:
            for guild_id, entry_id, body in changed:
                await self.db.execute("UPDATE guild_entries SET body = ? WHERE guild_id = ? AND entry_id = ?",
                                      (body, guild_id, entry_id))
            await self.commit()
        return found

    async def entry_state(self, guild_id: int, entry_id: str) -> StoredState:
        async with self.db.execute("SELECT body, retired FROM guild_entries WHERE guild_id = ? AND entry_id = ?",
                                   (guild_id, entry_id)) as rows:
            row = await rows.fetchone()
        return {"entry": json.loads(row[0]), "retired": bool(row[1])} if row else None

    async def change_entry(self, guild_id: int, entry_id: str, after: StoredState, *, user_id: int,
                           action: str) -> Change:
        """Store an entry's new state and the change that made it, in one transaction."""
        try:
            before = await self.entry_state(guild_id, entry_id)
            at = now()
            if after is None:
                await self.db.execute("DELETE FROM guild_entries WHERE guild_id = ? AND entry_id = ?",
                                      (guild_id, entry_id))
            else:
                record = after["entry"]
                await self.db.execute(
                    """INSERT INTO guild_entries (guild_id, entry_id, source, body, retired, changed_by, changed_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT (guild_id, entry_id) DO UPDATE SET source = excluded.source,
                           body = excluded.body, retired = excluded.retired, changed_by = excluded.changed_by,
                           changed_at = excluded.changed_at""",
                    (guild_id, entry_id, record["source"], json.dumps(record), int(after["retired"]), user_id, at))
            number = await insert_numbered(self.db, "entry_changes", guild_id, CHANGE, {
                "entry_id": entry_id, "action": action, "before_state": json.dumps(before) if before else None,
                "after_state": json.dumps(after) if after else None, "user_id": user_id, "changed_at": at})
        except BaseException:
            await self.db.rollback()
            raise
        await self.commit()
        return Change(number, guild_id, entry_id, action, before, after, user_id, at)

    async def entry_changes(self, guild_id: int, entry_id: str, *, limit: int = 10) -> list[Change]:
        """The latest changes to one entry of a server, newest first."""
        async with self.db.execute("SELECT * FROM entry_changes WHERE guild_id = ? AND entry_id = ? "
                                   "ORDER BY number DESC LIMIT ?", (guild_id, entry_id, limit)) as rows:
            return [_change(row) async for row in rows]

    async def entry_change(self, guild_id: int, number: int) -> Change | None:
        """The server's change #number, or None if it has none by that number."""
        async with self.db.execute("SELECT * FROM entry_changes WHERE guild_id = ? AND number = ?",
                                   (guild_id, number)) as rows:
            row = await rows.fetchone()
        return _change(row) if row else None

    async def changed_entries(self, guild_id: int) -> list[str]:
        """Ids of the entries a server changed, most recently changed first (for autocomplete)."""
        async with self.db.execute("SELECT entry_id, MAX(number) AS last FROM entry_changes WHERE guild_id = ? "
                                   "GROUP BY entry_id ORDER BY last DESC", (guild_id,)) as rows:
            return [row[0] async for row in rows]

    # -- texts ----------------------------------------------------------------------------------

    async def save_text(self, guild_id: int, source_id: str, content: str, *, user_id: int) -> None:
        await self.db.execute(
            """INSERT INTO guild_texts (guild_id, source_id, content, added_by, added_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (guild_id, source_id) DO UPDATE SET content = excluded.content,
                   added_by = excluded.added_by, added_at = excluded.added_at""",
            (guild_id, source_id, content, user_id, now()))
        await self.commit()

    async def remove_text(self, guild_id: int, source_id: str) -> RemovedText | None:
        """Take a server's own text out, with what would point at it: the channels bound to it and
        its place among the texts the server chose (none left: every text again). Its entries stay,
        to serve again if it comes back. None when the server has no such text."""
        removed: RemovedText | None = None
        try:
            cursor = await self.db.execute("DELETE FROM guild_texts WHERE guild_id = ? AND source_id = ?",
                                           (guild_id, source_id))
            if cursor.rowcount > 0:
                removed = await self._unpoint(guild_id, source_id)
        except BaseException:
            await self.db.rollback()
            raise
        await self.commit()
        return removed

    async def _unpoint(self, guild_id: int, source_id: str) -> RemovedText:
        """Unbind the channels bound to a text and take it out of the texts the server chose."""
        async with self.db.execute("SELECT channel_id FROM channel_texts WHERE guild_id = ? AND source = ? "
                                   "ORDER BY channel_id", (guild_id, source_id)) as rows:
            unbound = tuple([int(row[0]) async for row in rows])
        await self.db.execute("DELETE FROM channel_texts WHERE guild_id = ? AND source = ?", (guild_id, source_id))
        chosen = (await self.settings(guild_id)).sources
        was_chosen = chosen is not None and source_id in chosen
        if was_chosen:
            left = [s for s in chosen if s != source_id]
            await self.db.execute("UPDATE guild_settings SET sources = ? WHERE guild_id = ?",
                                  (json.dumps(left) if left else None, guild_id))
        return RemovedText(unbound, was_chosen)

    # -- forms ----------------------------------------------------------------------------------

    async def save_form(self, guild_id: int, user_id: int, body: dict[str, Any]) -> int:
        """Keep what a curator typed, for the Fix it and Confirm buttons (which outlive a restart).

        Forms older than FORM_LIFETIME are deleted as a new one is kept, so the table holds about a
        day of forms however long the bot runs.
        """
        try:
            await self.db.execute("DELETE FROM entry_forms WHERE created_at < ?", (_form_cutoff(),))
            cursor = await self.db.execute("INSERT INTO entry_forms (guild_id, user_id, body, created_at) "
                                           "VALUES (?, ?, ?, ?)", (guild_id, user_id, json.dumps(body), now()))
        except BaseException:
            await self.db.rollback()
            raise
        await self.commit()
        return int(cursor.lastrowid or 0)

    async def form(self, guild_id: int, form_id: int) -> dict[str, Any] | None:
        """A kept form, or None when it is another server's, expired or gone."""
        async with self.db.execute("SELECT body FROM entry_forms WHERE guild_id = ? AND id = ? AND created_at >= ?",
                                   (guild_id, form_id, _form_cutoff())) as rows:
            row = await rows.fetchone()
        return json.loads(row[0]) if row else None


def _form_cutoff() -> str:
    """Forms created before this (stored as `now()` writes times, so strings compare as times) have expired."""
    return (datetime.now(UTC) - FORM_LIFETIME).isoformat(timespec="seconds")
