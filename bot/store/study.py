"""The store's study-group tables: prompts and their posts, schedules, suggestions, quizzes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..kb.gaps import LOW_CONFIDENCE, Asked
from ..kb.models import CUSTOM_PREFIX, Citation, Prompt
from ..kb.quiz import Record
from ..schedule import TURNED_OFF, Schedule
from .core import MovedCitation, now
from .numbers import PROMPT, SUGGESTION, insert_numbered


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A prompt a member proposed, waiting for (or past) a moderator's decision."""

    number: int  # the server's own: #1 is each server's first
    guild_id: int
    user_id: int
    text: str
    source: str | None
    passage: int | None
    status: str
    created_at: str


def _prompt(row: Any) -> Prompt:
    citations = (Citation(row["source"], row["passage"]),) if row["passage"] else ()
    return Prompt(id=f"{CUSTOM_PREFIX}{row['number']}", source=row["source"], text=row["text"], citations=citations)


def _suggestion(row: Any) -> Suggestion:
    return Suggestion(row["number"], row["guild_id"], row["user_id"], row["text"], row["source"], row["passage"],
                      row["status"], row["created_at"])


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class StudyStore:
    """Mixed into Store; relies on its `db` connection."""

    db: Any  # aiosqlite's connection, or the PostgreSQL one that takes the same calls

    commit: Callable[[], Awaitable[None]]  # CoreStore's: commits, then checks the file is still there

    # -- prompts ------------------------------------------------------------------------------

    async def add_custom_prompt(self, guild_id: int, text: str, source: str, passage: int | None,
                                author_id: int | None) -> Prompt:
        """A server's own prompt, named by the server's next prompt number (`custom-N`)."""
        number = await self._add_numbered("custom_prompts", guild_id, PROMPT, {
            "text": text, "source": source, "passage": passage, "author_id": author_id, "created_at": now()})
        async with self.db.execute("SELECT * FROM custom_prompts WHERE guild_id = ? AND number = ?",
                                   (guild_id, number)) as rows:
            return _prompt(await rows.fetchone())

    async def prompts_citing(self, moves: Mapping[str, Mapping[int, int]], *,
                             renumber: bool = False) -> list[MovedCitation]:
        """Each server's prompt and suggestion on a passage that moved (text -> old -> new passage);
        with `renumber`, renumbered in one transaction, row by row, so that 3 -> 4 and 4 -> 5 never meet."""
        moved = []
        for table, kind, name in (("custom_prompts", "prompt", CUSTOM_PREFIX + "{}"),
                                  ("suggestions", "suggestion", "#{}")):
            for source, to in moves.items():
                # Named by the server's own number, as its moderators know it; the row by its id.
                async with self.db.execute(f"SELECT id, passage, guild_id, number FROM {table} WHERE source = ? "
                                           "ORDER BY guild_id, number", (source,)) as rows:
                    moved += [(table, row[0], MovedCitation(row[2], kind, name.format(row[3]), source, row[1],
                                                            to[row[1]]))
                              async for row in rows if row[1] in to and to[row[1]] != row[1]]
        if renumber and moved:
            for table, row_id, citation in moved:
                await self.db.execute(f"UPDATE {table} SET passage = ? WHERE id = ?", (citation.new, row_id))
            await self.commit()
        return [citation for _, _, citation in moved]

    async def remove_custom_prompt(self, guild_id: int, prompt_id: str) -> Prompt | None:
        """Take one of a server's own prompts out (`custom-N`); its posting history stays, and its
        number is never given to another. The prompt removed, or None if the server has no such prompt."""
        number = prompt_id.removeprefix(CUSTOM_PREFIX)
        if not number.isdigit():
            return None
        async with self.db.execute("SELECT * FROM custom_prompts WHERE guild_id = ? AND number = ?",
                                   (guild_id, int(number))) as rows:
            row = await rows.fetchone()
        if row is None:
            return None
        await self.db.execute("DELETE FROM custom_prompts WHERE guild_id = ? AND number = ?", (guild_id, int(number)))
        await self.commit()
        return _prompt(row)

    async def custom_prompts(self, guild_id: int) -> list[Prompt]:
        async with self.db.execute("SELECT * FROM custom_prompts WHERE guild_id = ? ORDER BY number",
                                   (guild_id,)) as rows:
            return [_prompt(row) async for row in rows]

    async def record_post(self, guild_id: int, prompt_id: str, channel_id: int | None,
                          thread_id: int | None) -> None:
        await self.db.execute(
            "INSERT INTO prompt_posts (guild_id, prompt_id, channel_id, thread_id, posted_at) VALUES (?, ?, ?, ?, ?)",
            (guild_id, prompt_id, channel_id, thread_id, now()))
        await self.commit()

    async def post_history(self, guild_id: int) -> dict[str, tuple[int, str]]:
        """For each prompt posted here: (times posted, when last)."""
        async with self.db.execute(
            "SELECT prompt_id, COUNT(*), MAX(posted_at) FROM prompt_posts WHERE guild_id = ? GROUP BY prompt_id",
            (guild_id,)) as rows:
            return {row[0]: (int(row[1]), row[2]) async for row in rows}

    # -- schedules ----------------------------------------------------------------------------

    async def set_schedule(self, guild_id: int, channel_id: int, cadence: str, time: str, weekday: int) -> None:
        """Start (or replace) a schedule; slots before now are not owed. It starts clean: not paused,
        and a problem seen again is told again."""
        await self.db.execute(
            """INSERT INTO prompt_schedules (guild_id, channel_id, cadence, time, weekday, since, last_slot)
               VALUES (?, ?, ?, ?, ?, ?, NULL)
               ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, cadence = excluded.cadence,
                   time = excluded.time, weekday = excluded.weekday, since = excluded.since, last_slot = NULL,
                   paused = NULL, notice = NULL""",
            (guild_id, channel_id, cadence, time, weekday, now()))
        await self.commit()

    async def delete_schedule(self, guild_id: int) -> bool:
        """Stop a server's scheduled prompts and forget its posted slots (e.g. the bot left it)."""
        cursor = await self.db.execute("DELETE FROM prompt_schedules WHERE guild_id = ?", (guild_id,))
        await self.db.execute("DELETE FROM prompt_slots WHERE guild_id = ?", (guild_id,))
        await self.commit()
        return cursor.rowcount > 0

    async def claim_slot(self, guild_id: int, slot: str) -> bool:
        """Take a schedule slot (its `slot_key`) for posting; False if it was taken before.

        The primary key makes this the one place that decides, so a slot is posted at most once
        even by two running bots or after a restart.
        """
        cursor = await self.db.execute(
            "INSERT INTO prompt_slots (guild_id, slot, claimed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (guild_id, slot, now()))
        await self.commit()
        return cursor.rowcount > 0

    async def move_schedule(self, guild_id: int, channel_id: int) -> None:
        """Post into another channel from now on: a schedule stopped for its old channel's sake runs
        again, one a moderator turned off stays off."""
        await self.db.execute(
            "UPDATE prompt_schedules SET channel_id = ?, notice = NULL, paused = CASE WHEN paused = ? "
            "THEN paused ELSE NULL END WHERE guild_id = ?", (channel_id, TURNED_OFF, guild_id))
        await self.commit()

    async def stop_schedule(self, guild_id: int) -> bool:
        """A moderator's "off": no more posts, but the channel, cadence and time are kept, so that
        a new time starts it again where it was. False if there was no schedule, or it was off."""
        cursor = await self.db.execute("UPDATE prompt_schedules SET paused = ? WHERE guild_id = ? AND paused IS NOT ?",
                                       (TURNED_OFF, guild_id, TURNED_OFF))
        await self.commit()
        return cursor.rowcount > 0

    async def pause_schedule(self, guild_id: int, reason: str) -> None:
        """Stop posting until a moderator sets the schedule again; `reason` says why."""
        await self.db.execute("UPDATE prompt_schedules SET paused = ? WHERE guild_id = ?", (reason, guild_id))
        await self.commit()

    async def note_schedule_problem(self, guild_id: int, notice: str | None) -> bool:
        """Remember the schedule's current problem (None: it works again). True if it is news,
        i.e. the moderators have not been told this yet."""
        cursor = await self.db.execute(
            "UPDATE prompt_schedules SET notice = ? WHERE guild_id = ? AND notice IS NOT ?",
            (notice, guild_id, notice))
        await self.commit()
        return cursor.rowcount > 0 and notice is not None

    async def schedules(self, guild_id: int | None = None) -> list[Schedule]:
        sql = ("SELECT s.*, COALESCE(g.timezone, 'UTC') AS timezone FROM prompt_schedules s "
               "LEFT JOIN guild_settings g ON g.guild_id = s.guild_id")
        args: tuple[Any, ...] = ()
        if guild_id is not None:
            sql += " WHERE s.guild_id = ?"
            args = (guild_id,)
        async with self.db.execute(sql, args) as rows:
            return [Schedule(row["guild_id"], row["channel_id"], row["cadence"], row["time"], row["weekday"],
                             row["timezone"], _when(row["since"]), _when(row["last_slot"]), row["paused"],
                             row["notice"]) async for row in rows]

    async def mark_slot(self, guild_id: int, slot: datetime) -> None:
        await self.db.execute("UPDATE prompt_schedules SET last_slot = ? WHERE guild_id = ?",
                              (slot.isoformat(), guild_id))
        await self.commit()

    # -- suggestions --------------------------------------------------------------------------

    async def add_suggestion(self, guild_id: int, user_id: int, text: str, source: str | None,
                             passage: int | None) -> int:
        """Queue a member's suggested prompt; its number, the server's next (#N)."""
        return await self._add_numbered("suggestions", guild_id, SUGGESTION, {
            "user_id": user_id, "text": text, "source": source, "passage": passage, "created_at": now()})

    async def _add_numbered(self, table: str, guild_id: int, kind: str, fields: dict[str, Any]) -> int:
        """A row of the server's, with its next number of `kind`, committed; on failure nothing is
        kept, and the number is given back."""
        try:
            number = await insert_numbered(self.db, table, guild_id, kind, fields)
        except BaseException:
            await self.db.rollback()
            raise
        await self.commit()
        return number

    async def suggestions(self, guild_id: int, *, status: str = "pending", user_id: int | None = None,
                          limit: int = 100) -> list[Suggestion]:
        sql = "SELECT * FROM suggestions WHERE guild_id = ? AND status = ?"
        args: list[Any] = [guild_id, status]
        if user_id is not None:
            sql += " AND user_id = ?"
            args.append(user_id)
        async with self.db.execute(sql + " ORDER BY number LIMIT ?", (*args, limit)) as rows:
            return [_suggestion(r) async for r in rows]

    async def suggestion(self, guild_id: int, number: int) -> Suggestion | None:
        """The server's suggestion #number, whatever its status; None if it has none by that number."""
        async with self.db.execute("SELECT * FROM suggestions WHERE guild_id = ? AND number = ?",
                                   (guild_id, number)) as rows:
            row = await rows.fetchone()
        return None if row is None else _suggestion(row)

    async def decide(self, number: int, guild_id: int, approved: bool, moderator_id: int) -> Suggestion | None:
        """Approve or reject the server's pending suggestion #number; None if it was already decided
        (or the server has no such suggestion)."""
        status = "approved" if approved else "rejected"
        cursor = await self.db.execute(
            "UPDATE suggestions SET status = ?, decided_by = ?, decided_at = ? "
            "WHERE guild_id = ? AND number = ? AND status = 'pending'",
            (status, moderator_id, now(), guild_id, number))
        await self.commit()
        if cursor.rowcount == 0:
            return None
        async with self.db.execute("SELECT * FROM suggestions WHERE guild_id = ? AND number = ?",
                                   (guild_id, number)) as rows:
            return _suggestion(await rows.fetchone())

    # -- quizzes ------------------------------------------------------------------------------

    async def quiz_records(self, guild_id: int, user_id: int) -> dict[str, Record]:
        async with self.db.execute(
            "SELECT entry_id, box, correct, wrong, last_seen FROM quiz_records WHERE guild_id = ? AND user_id = ?",
            (guild_id, user_id)) as rows:
            return {r[0]: Record(r[1], r[2], r[3], r[4]) async for r in rows}

    async def save_quiz(self, guild_id: int, user_id: int, entry_id: str, record: Record) -> None:
        await self.db.execute(
            """INSERT INTO quiz_records (guild_id, user_id, entry_id, box, correct, wrong, last_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (guild_id, user_id, entry_id) DO UPDATE SET box = excluded.box,
                   correct = excluded.correct, wrong = excluded.wrong, last_seen = excluded.last_seen""",
            (guild_id, user_id, entry_id, record.box, record.correct, record.wrong, record.last_seen))
        await self.commit()

    async def leaderboard(self, guild_id: int, limit: int = 10) -> list[tuple[int, int, int]]:
        """(user id, right answers, wrong answers), most right first."""
        async with self.db.execute(
            "SELECT user_id, SUM(correct), SUM(wrong) FROM quiz_records WHERE guild_id = ? "
            "GROUP BY user_id ORDER BY SUM(correct) DESC, SUM(wrong) ASC LIMIT ?", (guild_id, limit)) as rows:
            return [(int(r[0]), int(r[1]), int(r[2])) async for r in rows]

    # -- the curators' queue ------------------------------------------------------------------

    async def dismiss_questions(self, questions: Sequence[str], guild_id: int | None = None) -> int:
        """Take logged questions out of the curators' queue (all servers', or one's), keeping them
        in the log; how many were taken out."""
        if not questions:
            return 0
        marks = ", ".join("?" for _ in questions)
        sql = f"UPDATE questions SET reviewed_at = ? WHERE reviewed_at IS NULL AND question IN ({marks})"
        args: list[Any] = [now(), *questions]
        if guild_id is not None:
            sql += " AND guild_id = ?"
            args.append(guild_id)
        cursor = await self.db.execute(sql, args)
        await self.commit()
        return cursor.rowcount

    async def gap_questions(self, guild_id: int | None = None, *, limit: int = 5000) -> list[Asked]:
        """Questions answered `none` or `passage`, with low confidence, or voted down; newest first."""
        sql = """SELECT q.question, q.kind, q.entry_id, q.confidence,
                        (SELECT COUNT(*) FROM feedback f WHERE f.question_id = q.id AND f.vote = -1) AS down, q.id,
                        q.channel_id, q.guild_id
                 FROM questions q WHERE q.reviewed_at IS NULL AND (q.kind != 'curated' OR q.confidence < ?
                     OR EXISTS (SELECT 1 FROM feedback f WHERE f.question_id = q.id AND f.vote = -1))"""
        args: list[Any] = [LOW_CONFIDENCE]
        if guild_id is not None:
            sql += " AND q.guild_id = ?"
            args.append(guild_id)
        async with self.db.execute(sql + " ORDER BY q.id DESC LIMIT ?", (*args, limit)) as rows:
            return [Asked(r[0], r[1], r[2], float(r[3]), int(r[4]), int(r[5]), r[6], r[7]) async for r in rows]
