"""`citebot db migrate`: a SQLite bot's data copied into PostgreSQL, checked row by row."""

import asyncio
import sqlite3
from contextlib import closing
from datetime import UTC, datetime

import pytest

from bot.cli import main
from bot.kb.quiz import Record
from bot.store import MIGRATIONS, Store
from bot.store.core import statements
from bot.store.transfer import schema_tables

NOWHERE = "postgresql://citebot@127.0.0.1:1/citebot"  # a target never reached: the source is refused first


async def _fill(path) -> None:
    """A row in every table of the bot's schema."""
    async with Store(path) as store:
        await store.update_settings(1, moderator_role_id=2**62, ephemeral=True, sources=("kaczmarski-2018",),
                                    timezone="Europe/Stockholm")
        await store.bind_channel(1, 70, "kaczmarski-2018")
        for n in range(3):
            qid = await store.log_question(guild_id=1, channel_id=2, question=f"where {n}? 'quoted' \u00e9",
                                           kind="curated", entry_id="meeting-place", confidence=0.1 * n)
        await store.record_feedback(qid, 10, -1)
        await store.set_meta("command_hash", "abc")
        prompt = await store.add_custom_prompt(1, "Is Aegis worth it?", "kaczmarski-2018", 11, 42)
        await store.record_post(1, prompt.id, 5, 6)
        await store.set_schedule(1, 5, "weekly", "09:00", 2)
        await store.mark_slot(1, datetime(2026, 11, 25, 9, tzinfo=UTC))
        await store.claim_slot(1, "2026-11-25T09:00 UTC")
        await store.add_suggestion(1, 42, "What next?", "kaczmarski-2018", 3)
        await store.save_quiz(1, 42, "levada-78", Record(3, 2, 1, "t"))
        entry = {"id": "e1", "questions": ["Why?"], "answer": "Because.", "source": "kaczmarski-2018"}
        await store.change_entry(1, "e1", {"entry": entry, "retired": False}, user_id=10, action="add")
        await store.save_text(1, "t1", "---\nid: t1\n---\n", user_id=10)
        await store.save_form(1, 10, {"questions": ["typed"]})
        counts = await store.counts()
    assert all(counts[table] for table in schema_tables()), counts


def test_every_table_is_copied_and_checked(tmp_path, pg_url, capsys):
    source = tmp_path / "citebot.db"
    asyncio.run(_fill(source))
    assert main(["db", "migrate", "--from", str(source), "--to", pg_url]) == 0
    out = capsys.readouterr().out
    for table in schema_tables():
        assert f"\n  {table} " in out and "DIFFERENT" not in out
    assert "done: " in out and "checked row by row" in out
    asyncio.run(_compare(source, pg_url))


async def _compare(source, pg_url) -> None:
    async with Store(source) as old, Store(pg_url) as new:
        assert await new.counts() == await old.counts()
        assert await new.settings(1) == await old.settings(1)
        assert await new.gap_questions(1) == await old.gap_questions(1)
        assert await new.schedules() == await old.schedules()
        assert not await new.claim_slot(1, "2026-11-25T09:00 UTC")  # claimed before the move stays claimed
        newer = await new.log_question(guild_id=1, channel_id=2, question="after", kind="none", entry_id=None,
                                       confidence=0)
        assert newer == 4  # ids go on after the copied ones
        # Each server's numbers go on after its copied ones, and a server new to the bot starts at 1.
        assert await new.add_suggestion(1, 42, "After the move?", "kaczmarski-2018", None) == 2
        assert await new.add_suggestion(2, 42, "Another server's first?", "kaczmarski-2018", None) == 1
        assert (await new.add_custom_prompt(1, "After the move", "kaczmarski-2018", 3, 42)).id == "custom-2"


def test_a_target_with_data_is_refused(tmp_path, pg_url, capsys):
    source = tmp_path / "citebot.db"
    asyncio.run(_fill(source))
    assert main(["db", "migrate", "--from", str(source), "--to", pg_url]) == 0
    capsys.readouterr()
    assert main(["db", "migrate", "--from", str(source), "--to", pg_url]) == 1
    assert "already holds rows" in capsys.readouterr().err


def test_a_refused_target_is_left_exactly_as_it_was(tmp_path, pg_url, capsys):
    import asyncpg

    async def tables() -> set[str]:
        raw = await asyncpg.connect(pg_url)
        try:
            return {r[0] for r in await raw.fetch("SELECT table_name FROM information_schema.tables "
                                                  "WHERE table_schema = current_schema()")}
        finally:
            await raw.close()

    async def another_program() -> None:
        raw = await asyncpg.connect(pg_url)
        try:
            await raw.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
            await raw.execute("INSERT INTO customers VALUES (1, 'Ann'), (2, 'Bo')")
        finally:
            await raw.close()

    source = tmp_path / "citebot.db"
    asyncio.run(_fill(source))
    asyncio.run(another_program())
    assert main(["db", "migrate", "--from", str(source), "--to", pg_url]) == 1
    assert "the target already holds rows: customers (2)" in capsys.readouterr().err
    assert asyncio.run(tables()) == {"customers"}  # none of Citebot's tables was made there


def test_a_row_lost_on_the_way_is_reported(tmp_path, pg_url, capsys, monkeypatch):
    import asyncpg

    source = tmp_path / "citebot.db"
    asyncio.run(_fill(source))
    real = asyncpg.Connection.copy_records_to_table

    async def lossy(self, table, *, records, columns):
        return await real(self, table, records=records[1:] if table == "questions" else records, columns=columns)

    monkeypatch.setattr(asyncpg.Connection, "copy_records_to_table", lossy)
    assert main(["db", "migrate", "--from", str(source), "--to", pg_url]) == 1
    captured = capsys.readouterr()
    assert "questions" in captured.err and "does not match" in captured.err
    assert "DIFFERENT" in next(line for line in captured.out.splitlines() if "questions" in line)


@pytest.mark.parametrize(("source", "target", "problem", "status"), [
    ("missing.db", "postgresql://localhost/x", "--from must be an existing SQLite file", 1),
    ("here.db", "other.db", "--to must be a PostgreSQL URL", 2),  # a bad value: a usage error, as documented
])
def test_wrong_ends_are_one_line(tmp_path, monkeypatch, capsys, source, target, problem, status):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.db").touch()
    assert main(["db", "migrate", "--from", source, "--to", target]) == status
    assert problem in capsys.readouterr().err


def _older(path, version: int) -> None:
    """A Citebot database as a bot `version` migrations in left it (write-ahead log and all), with a row."""
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = WAL")
        for script in MIGRATIONS[:version]:
            for statement in statements(script):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {version}")
        db.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')")
        db.commit()


def test_an_older_schema_is_migrated_in_a_copy_and_its_file_left_as_it_was(tmp_path, pg_url, capsys):
    source = tmp_path / "before-upgrade.db"
    _older(source, 3)
    before = source.read_bytes()
    assert main(["db", "migrate", "--from", str(source), "--to", pg_url]) == 0
    # Not migrated in place: the older Citebot still restores it, and nothing was left beside it.
    assert source.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [source.name]
    assert f"schema 3 of {len(MIGRATIONS)}" in capsys.readouterr().out

    async def target() -> tuple[int, str | None]:
        async with Store(pg_url) as new:
            return await new.version(), await new.get_meta("kept")

    assert asyncio.run(target()) == (len(MIGRATIONS), "yes")


def _foreign(path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        db.executemany("INSERT INTO customers (name) VALUES (?)", [("Ann",), ("Bo",)])
        db.commit()


@pytest.mark.parametrize(("name", "make", "problem"), [
    ("shop.db", _foreign, "is not a Citebot database (no Citebot schema version)"),
    ("citebot.db", lambda path: path.touch(), "is not a Citebot database (it is empty)"),
    (".env", lambda path: path.write_text("DISCORD_TOKEN=x\n"), "is not a SQLite database"),
])
def test_a_source_that_is_not_a_citebot_database_is_refused_and_never_written(tmp_path, monkeypatch, capsys,
                                                                              name, make, problem):
    monkeypatch.chdir(tmp_path)
    make(tmp_path / name)
    before = (tmp_path / name).read_bytes()
    assert main(["db", "migrate", "--from", name, "--to", NOWHERE]) == 1
    err = capsys.readouterr().err
    assert problem in err and "--from must be a Citebot SQLite database" in err
    assert "move it aside" not in err and "CITEBOT_DB" not in err  # advice for the live database, not a source
    assert (tmp_path / name).read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [name]


def _citebot(path):
    async def create() -> None:
        async with Store(path):
            pass
    asyncio.run(create())
    return path


@pytest.mark.parametrize("password", ["sec#ret", "pa/ss", "x@y:z", "pa@ss"])
def test_a_password_with_a_reserved_character_in_to_is_refused_as_citebot_db_is(tmp_path, capsys, password):
    source = _citebot(tmp_path / "citebot.db")
    assert main(["db", "migrate", "--from", str(source), "--to", f"postgresql://alice:{password}@127.0.0.1:1/db"]) == 2
    err = capsys.readouterr().err
    assert "the user or password in --to holds a character a URL reserves" in err and "%23" in err
    assert password not in err and "CITEBOT_DB" not in err


def test_a_target_that_cannot_be_reached_is_named_as_to(tmp_path, capsys):
    source = _citebot(tmp_path / "citebot.db")
    assert main(["db", "migrate", "--from", str(source), "--to", NOWHERE]) == 1
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "correct the host and port in --to" in err and "CITEBOT_DB" not in err
