"""The store's behaviour, the same on SQLite and PostgreSQL: every test runs once on each."""

import sqlite3

import pytest

from bot.store import MIGRATIONS, Store


@pytest.fixture
async def store(db_target):
    async with Store(db_target) as opened:
        yield opened


async def test_a_new_database_is_created_and_migrated(store):
    assert await store.version() == len(MIGRATIONS)
    if store.dialect == "sqlite":
        assert store.path.exists()
        async with store.db.execute("PRAGMA journal_mode") as cursor:
            assert (await cursor.fetchone())[0] == "wal"
    assert set(await store.counts()) >= {"questions", "feedback", "meta", "prompt_slots", "guild_settings"}


async def test_settings_default_then_persist_across_reopen(db_target):
    path = db_target
    async with Store(path) as store:
        defaults = await store.settings(5)
        assert (defaults.moderator_role_id, defaults.ephemeral, defaults.sources) == (None, False, None)
        await store.update_settings(5, moderator_role_id=99, ephemeral=True)
        await store.update_settings(5, sources=("kaczmarski-2018",))
    async with Store(path) as store:
        again = await store.settings(5)
        assert (again.moderator_role_id, again.ephemeral, again.sources) == (99, True, ("kaczmarski-2018",))
        await store.update_settings(5, sources=None)
        assert (await store.settings(5)).sources is None


async def test_question_log_and_one_vote_per_member(store):
    qid = await store.log_question(guild_id=1, channel_id=2, question="where?", kind="curated",
                                   entry_id="meeting-place", confidence=0.9)
    await store.record_feedback(qid, 10, 1)
    await store.record_feedback(qid, 11, -1)
    await store.record_feedback(qid, 10, -1)  # changes their vote
    assert await store.feedback_for(qid) == (0, 2)
    assert (await store.kinds(1)) == {"curated": 1}
    counts = await store.counts()
    assert counts["questions"] == 1 and counts["feedback"] == 2


async def test_a_vote_counts_only_on_an_answer_given_in_the_voters_server(store):
    here = await store.log_question(guild_id=1, channel_id=2, question="where?", kind="curated",
                                    entry_id="meeting-place", confidence=0.9)
    direct = await store.log_question(guild_id=None, channel_id=3, question="who?", kind="none", entry_id=None,
                                      confidence=0)
    assert await store.record_feedback(here, 10, -1, guild_id=2) is False  # another server's answer
    assert await store.record_feedback(here + direct + 1, 10, -1, guild_id=1) is False  # no such answer
    assert await store.feedback_for(here) == (0, 0)
    assert await store.record_feedback(here, 10, -1, guild_id=1) is True
    assert await store.record_feedback(direct, 10, 1, guild_id=None) is True
    assert await store.record_feedback(direct, 11, 1, guild_id=1) is False
    assert (await store.feedback_for(here), await store.feedback_for(direct)) == ((0, 1), (1, 0))


async def test_bad_vote_is_refused(store):
    qid = await store.log_question(guild_id=1, channel_id=2, question="q", kind="none", entry_id=None, confidence=0)
    with pytest.raises(ValueError):
        await store.record_feedback(qid, 10, 5)


async def test_user_text_is_stored_as_data_not_sql(store):
    evil = "x'); DROP TABLE questions; --"
    await store.log_question(guild_id=1, channel_id=2, question=evil, kind="none", entry_id=None, confidence=0)
    async with store.db.execute("SELECT question FROM questions") as cursor:
        assert (await cursor.fetchone())[0] == evil


async def test_an_old_database_is_brought_up_to_date(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE keep_me (x)")
    async with Store(path) as store:
        assert await store.version() == len(MIGRATIONS)
        assert "keep_me" in await store.counts()


async def test_a_server_database_part_way_migrated_is_brought_up_to_date(pg_url):
    import asyncpg

    from bot.store.core import statements
    from bot.store.postgres import VERSION_TABLE, schema

    raw = await asyncpg.connect(pg_url)
    try:  # as a bot of two migrations ago left it, with a row to keep
        for statement in statements(MIGRATIONS[0]):
            await raw.execute(schema(statement))
        await raw.execute(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)")
        await raw.execute(f"INSERT INTO {VERSION_TABLE} VALUES (1)")
        await raw.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')")
    finally:
        await raw.close()
    async with Store(pg_url) as store:
        assert await store.version() == len(MIGRATIONS)
        assert await store.get_meta("kept") == "yes"
        assert "prompt_slots" in await store.counts()


async def test_meta_values(store):
    assert await store.get_meta("command_hash") is None
    await store.set_meta("command_hash", "abc")
    await store.set_meta("command_hash", "def")
    assert await store.get_meta("command_hash") == "def"


async def test_study_tables_survive_a_restart(db_target):
    from datetime import UTC, datetime

    from bot.kb.quiz import Record

    path = db_target
    async with Store(path) as store:
        prompt = await store.add_custom_prompt(1, "Is Aegis worth it?", "kaczmarski-2018", 11, 42)
        await store.record_post(1, prompt.id, 5, 6)
        await store.record_post(1, prompt.id, 5, 7)
        await store.set_schedule(1, 5, "weekly", "09:00", 2)
        await store.mark_slot(1, datetime(2026, 11, 25, 9, tzinfo=UTC))
        await store.save_quiz(1, 42, "levada-78", Record(3, 2, 1, "t"))
        sid = await store.add_suggestion(1, 42, "What next?", "kaczmarski-2018", 3)
    async with Store(path) as store:
        [custom] = await store.custom_prompts(1)
        assert custom.id == prompt.id and custom.citations[0].passage == 11
        assert (await store.post_history(1))[prompt.id][0] == 2
        [schedule] = await store.schedules()
        assert (schedule.cadence, schedule.time, schedule.weekday, schedule.channel_id) == ("weekly", "09:00", 2, 5)
        assert schedule.last_slot == datetime(2026, 11, 25, 9, tzinfo=UTC) and schedule.since is not None
        assert (await store.quiz_records(1, 42))["levada-78"] == Record(3, 2, 1, "t")
        assert [s.number for s in await store.suggestions(1)] == [sid]
        assert await store.delete_schedule(1) and not await store.delete_schedule(1)


async def test_a_suggestion_is_decided_once_and_only_in_its_server(store):
    sid = await store.add_suggestion(1, 42, "What next?", "kaczmarski-2018", None)
    assert await store.decide(sid, 2, True, 7) is None  # another server's moderator
    decided = await store.decide(sid, 1, True, 7)
    assert decided.status == "approved" and decided.user_id == 42
    assert await store.decide(sid, 1, False, 8) is None  # already decided
    assert await store.suggestions(1) == []
    assert len(await store.suggestions(1, status="approved")) == 1


async def test_leaderboard_orders_by_right_answers(store):
    from bot.kb.quiz import Record

    await store.save_quiz(1, 10, "a", Record(2, 1, 0, "t"))
    await store.save_quiz(1, 11, "a", Record(3, 4, 1, "t"))
    await store.save_quiz(1, 11, "b", Record(1, 0, 2, "t"))
    await store.save_quiz(2, 12, "a", Record(5, 9, 0, "t"))  # another server
    assert await store.leaderboard(1) == [(11, 4, 3), (10, 1, 0)]


async def test_gap_questions_are_declines_weak_answers_and_downvotes(store):
    async def log(q, kind, conf):
        return await store.log_question(guild_id=1, channel_id=2, question=q, kind=kind, entry_id=None,
                                        confidence=conf)

    await log("declined", "none", 0.1)
    await log("weak", "curated", 0.5)
    await log("fine", "curated", 0.9)
    disliked = await log("disliked", "curated", 0.95)
    await store.record_feedback(disliked, 5, -1)
    await store.record_feedback(disliked, 6, -1)  # a second member: two votes, not one
    await store.record_feedback(disliked, 5, -1)  # the first again: still one of theirs
    gaps = await store.gap_questions(1)
    assert {g.question for g in gaps} == {"declined", "weak", "disliked"}
    disliked_gap = next(g for g in gaps if g.question == "disliked")
    assert disliked_gap.downvoted and disliked_gap.downvotes == 2
    assert await store.gap_questions(2) == []
    # Dismissed: out of the queue, still in the log; only the server named, and only once.
    await store.log_question(guild_id=3, channel_id=2, question="declined", kind="none", entry_id=None, confidence=0)
    assert await store.dismiss_questions(["declined", "disliked"], 1) == 2
    assert {g.question for g in await store.gap_questions(1)} == {"weak"}
    assert [g.question for g in await store.gap_questions(3)] == ["declined"]
    assert await store.dismiss_questions(["declined"], 1) == 0 and await store.dismiss_questions([], 1) == 0
    assert (await store.counts())["questions"] == 5


async def test_a_slot_is_claimed_once_even_by_two_connections(db_target):
    path = db_target
    async with Store(path) as first, Store(path) as second:
        key = "2026-10-25T02:30 Europe/Stockholm"
        assert [await first.claim_slot(1, key), await second.claim_slot(1, key)] == [True, False]
        assert await first.claim_slot(2, key)  # another server's slot of the same name


async def test_a_problem_is_news_once_and_a_new_schedule_starts_clean(store):
    await store.set_schedule(1, 5, "daily", "09:00", 0)
    assert await store.note_schedule_problem(1, "no threads") is True
    assert await store.note_schedule_problem(1, "no threads") is False  # told already
    await store.pause_schedule(1, "the channel was deleted")
    [schedule] = await store.schedules()
    assert (schedule.paused, schedule.notice) == ("the channel was deleted", "no threads")
    assert "paused: the channel was deleted" in schedule.describe()
    await store.set_schedule(1, 6, "daily", "09:00", 0)
    [schedule] = await store.schedules()
    assert (schedule.paused, schedule.notice) == (None, None)
    assert await store.note_schedule_problem(1, "no threads") is True


async def test_deleting_a_servers_schedule_leaves_other_servers_alone(store):
    for guild in (1, 2):
        await store.set_schedule(guild, 5, "daily", "09:00", 0)
        await store.claim_slot(guild, "2026-11-01T09:00 UTC")
        await store.update_settings(guild, timezone="UTC")
    assert await store.delete_schedule(1)
    assert [s.guild_id for s in await store.schedules()] == [2]
    assert await store.claim_slot(1, "2026-11-01T09:00 UTC")  # forgotten with its schedule
    assert not await store.claim_slot(2, "2026-11-01T09:00 UTC")
    assert (await store.settings(1)).timezone == "UTC"
