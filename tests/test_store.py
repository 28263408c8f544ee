import sqlite3

import pytest

from bot.store import MIGRATIONS, Store


@pytest.fixture
async def store(tmp_path):
    async with Store(tmp_path / "sub" / "citebot.db") as opened:
        yield opened


async def test_a_new_database_is_created_migrated_and_in_wal_mode(store):
    assert store.path.exists()
    assert await store.version() == len(MIGRATIONS)
    async with store.db.execute("PRAGMA journal_mode") as cursor:
        assert (await cursor.fetchone())[0] == "wal"


async def test_settings_default_then_persist_across_reopen(tmp_path):
    path = tmp_path / "citebot.db"
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


async def test_meta_values(store):
    assert await store.get_meta("command_hash") is None
    await store.set_meta("command_hash", "abc")
    await store.set_meta("command_hash", "def")
    assert await store.get_meta("command_hash") == "def"
