"""The store under pressure: concurrent writers, concurrent openers, bad files, a file deleted under it.

Writers and openers run on both backends; the file troubles are SQLite's alone.
"""

import asyncio
import os
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import aiosqlite
import pytest

from bot.store import MIGRATIONS, Store, StoreError

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 20


async def test_concurrent_changes_to_different_settings_all_survive(db_target):
    async with Store(db_target) as store:
        for n in range(ROUNDS):
            # Four moderators at once, each changing one setting of the same server.
            await asyncio.gather(
                store.update_settings(1, moderator_role_id=1000 + n),
                store.update_settings(1, ephemeral=n % 2 == 0),
                store.update_settings(1, sources=(f"text-{n}",)),
                store.update_settings(1, timezone=f"Zone/{n}"),
            )
            settings = await store.settings(1)
            assert (settings.moderator_role_id, settings.ephemeral, settings.sources, settings.timezone) == (
                1000 + n, n % 2 == 0, (f"text-{n}",), f"Zone/{n}"), n


async def test_settings_changed_through_two_connections_at_once_both_survive(db_target):
    path = db_target
    async with Store(path) as first, Store(path) as second:
        for n in range(ROUNDS):
            await asyncio.gather(first.update_settings(1, moderator_role_id=n),
                                 second.update_settings(1, timezone=f"Zone/{n}"))
            settings = await first.settings(1)
            assert (settings.moderator_role_id, settings.timezone) == (n, f"Zone/{n}")


async def test_an_update_without_changes_changes_nothing(db_target):
    async with Store(db_target) as store:
        await store.update_settings(1, timezone="Europe/Stockholm")
        assert (await store.update_settings(1)).timezone == "Europe/Stockholm"


async def _open_together(stores: list[Store]) -> None:
    """Open every store at once: each must succeed and find the latest schema."""
    results = await asyncio.gather(*(s.open() for s in stores), return_exceptions=True)
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert {await s.version() for s in stores} == {len(MIGRATIONS)}


async def test_many_stores_opening_one_new_file_at_once_all_succeed(tmp_path):
    for attempt in range(5):
        path = tmp_path / f"new-{attempt}.db"
        stores = [Store(path) for _ in range(4)]
        try:
            await _open_together(stores)
        finally:
            for s in stores:
                await s.close()


OPENER = textwrap.dedent("""
    import asyncio, pathlib, sys, time
    from bot.store import Store

    go = pathlib.Path(sys.argv[2])
    print("ready", flush=True)
    while not go.exists():
        time.sleep(0.002)

    async def main():
        async with Store(sys.argv[1]) as store:
            print(await store.version(), flush=True)

    asyncio.run(main())
""")


def test_two_processes_opening_one_new_database_both_succeed(db_target, tmp_path):
    path, go = db_target, tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(path), str(go)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    go.touch()  # both start opening at the same moment
    for proc in procs:
        out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert out.strip() == str(len(MIGRATIONS))


async def test_many_stores_migrating_one_new_server_schema_at_once_migrate_it_once(pg_url, caplog):
    stores = [Store(pg_url) for _ in range(6)]
    with caplog.at_level("INFO", logger="bot.store.core"):
        try:
            await _open_together(stores)
        finally:
            for s in stores:
                await s.close()
    applied = [r.getMessage() for r in caplog.records if r.getMessage().startswith("applying database migration")]
    assert len(applied) == len(MIGRATIONS), applied  # each once, by whichever store got the lock first


def _threads() -> set[threading.Thread]:
    """The non-daemon threads alive now (one an earlier test left may end meanwhile: only new ones count)."""
    return {t for t in threading.enumerate() if not t.daemon}


async def test_a_damaged_file_is_one_clear_error_and_no_thread_is_left_behind(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database " * 200)
    before = _threads()
    with pytest.raises(StoreError) as caught:
        await Store(path).open()
    assert str(path) in str(caught.value) and "move it aside" in str(caught.value)
    # The connection's worker thread is not a daemon: one left running keeps the process alive forever.
    for _ in range(100):
        if _threads() <= before:
            break
        await asyncio.sleep(0.01)
    assert _threads() <= before


async def test_a_read_only_file_needing_a_migration_says_so(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE keep_me (x)")
    real = aiosqlite.connect

    def read_only(database, **kwargs):  # what SQLite does with a file it may not write
        return real(f"file:{database}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(aiosqlite, "connect", read_only)
    with pytest.raises(StoreError, match="cannot be written"):
        await Store(path).open()


async def test_a_read_only_file_already_up_to_date_can_still_be_read(tmp_path, monkeypatch):
    path = tmp_path / "current.db"
    async with Store(path) as store:
        await store.update_settings(3, timezone="UTC")
    real = aiosqlite.connect
    monkeypatch.setattr(aiosqlite, "connect",
                        lambda database, **kw: real(f"file:{database}?mode=ro", uri=True, **kw))
    async with Store(path) as store:
        assert (await store.settings(3)).timezone == "UTC"


async def test_a_database_a_newer_citebot_made_is_refused_and_left_as_it_is(db_target):
    from bot.store.postgres import VERSION_TABLE

    async with Store(db_target) as store:
        await store.update_settings(3, timezone="Asia/Tokyo")
        newer = len(MIGRATIONS) + 2
        if store.url:
            await store.db.raw.execute(f"UPDATE {VERSION_TABLE} SET version = $1", newer)
        else:
            await store.db.execute(f"PRAGMA user_version = {newer}")
            await store.db.commit()
    with pytest.raises(StoreError, match=f"made by a newer Citebot \\(schema {newer}; this one knows "
                                          f"{len(MIGRATIONS)}\\); upgrade Citebot again, or restore"):
        await Store(db_target).open()
    if not str(db_target).startswith("postgres"):
        with sqlite3.connect(db_target) as db:  # nothing was migrated down or changed
            assert db.execute("PRAGMA user_version").fetchone()[0] == newer
            assert db.execute("SELECT timezone FROM guild_settings").fetchall() == [("Asia/Tokyo",)]


async def test_a_database_a_newer_citebot_made_says_how_to_restore_on_its_own_kind(db_target):
    from bot.store.postgres import VERSION_TABLE

    async with Store(db_target) as store:
        if store.url:
            await store.db.raw.execute(f"UPDATE {VERSION_TABLE} SET version = $1", len(MIGRATIONS) + 1)
        else:
            await store.db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
            await store.db.commit()
    with pytest.raises(StoreError) as refused:
        await Store(db_target).open()
    # `citebot db restore` puts back SQLite files only; PostgreSQL's dump goes back with pg_restore.
    how, wrong = ("with the bot stopped: pg_restore --clean --if-exists -d URL FILE", "citebot db restore") \
        if str(db_target).startswith("postgres") else ("citebot db restore FILE", "pg_restore")
    assert f"restore the backup taken before the upgrade ({how})" in str(refused.value)
    assert wrong not in str(refused.value)


async def test_a_new_database_file_is_readable_by_its_owner_alone(tmp_path):
    # It holds members' questions and user ids; SQLite gives its -wal and -shm files the same mode.
    path = tmp_path / "fresh.db"
    async with Store(path) as store:
        await store.update_settings(3, timezone="UTC")
        assert {p.name: p.stat().st_mode & 0o777 for p in tmp_path.iterdir()} == {
            "fresh.db": 0o600, "fresh.db-wal": 0o600, "fresh.db-shm": 0o600}


DAMAGED = ("is damaged or not a SQLite database; move it aside (the bot then starts a new one) "
           "or set CITEBOT_DB to the right file")


@pytest.mark.parametrize("command", [["db"], ["kb", "gaps"], ["prompts", "list", "--guild", "1"],
                                     ["quiz", "--leaderboard", "--guild", "1"]])
def test_commands_on_a_damaged_database_say_so_in_one_line(tmp_path, monkeypatch, capsys, command):
    from bot.cli import main

    path = tmp_path / "bad.db"
    path.write_bytes(b"garbage" * 500)
    monkeypatch.setenv("CITEBOT_DB", str(path))
    assert main(command) == 1
    assert capsys.readouterr().err.splitlines() == [f"citebot: the database {path} {DAMAGED}"]


def test_a_damaged_database_ends_the_process_instead_of_hanging(tmp_path):
    path = tmp_path / "bad.db"
    path.write_bytes(b"garbage" * 500)
    done = subprocess.run([sys.executable, "-m", "bot", "db"], cwd=ROOT, env={**os.environ, "CITEBOT_DB": str(path)},
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (1, f"citebot: the database {path} {DAMAGED}\n")


@pytest.mark.parametrize("also", [(), ("-wal", "-shm")])
async def test_a_database_deleted_while_running_is_written_back_with_everything(tmp_path, also, caplog):
    path = tmp_path / "gone.db"
    async with Store(path) as store:
        await store.update_settings(1, timezone="Europe/Stockholm")
        for suffix in ("", *also):
            Path(f"{path}{suffix}").unlink()
        await store.log_question(guild_id=1, channel_id=2, question="after", kind="none", entry_id=None,
                                 confidence=0)
        assert path.exists()
        await store.log_question(guild_id=1, channel_id=2, question="later", kind="none", entry_id=None,
                                 confidence=0)
    assert "was deleted while the bot was running" in caplog.text
    async with Store(path) as store:
        assert (await store.settings(1)).timezone == "Europe/Stockholm"
        assert {a.question for a in await store.gap_questions(1)} == {"after", "later"}


async def test_a_deletion_is_noticed_without_a_write(tmp_path):
    path = tmp_path / "idle.db"
    async with Store(path) as store:
        await store.update_settings(1, timezone="Asia/Kolkata")
        path.unlink()
        await store.check_file()  # the scheduler's tick asks every minute
        assert path.exists()
    async with Store(path) as store:
        assert (await store.settings(1)).timezone == "Asia/Kolkata"


async def test_a_database_replaced_while_running_is_reopened(tmp_path, caplog):
    path = tmp_path / "swap.db"
    backup = tmp_path / "backup.db"
    async with Store(backup) as other:
        await other.update_settings(9, timezone="UTC")
    async with Store(path) as store:
        await store.update_settings(1, timezone="Europe/Stockholm")
        os.replace(backup, path)
        await store.check_file()
        assert "was replaced" in caplog.text
        assert (await store.settings(9)).timezone == "UTC"
        await store.update_settings(2, timezone="Asia/Kolkata")
    async with Store(path) as store:
        assert (await store.settings(2)).timezone == "Asia/Kolkata"


async def test_run_on_a_damaged_database_is_one_line_not_a_traceback(tmp_path, fake_server):
    from bot.cli.bot import _run
    from bot.cli.common import CliError
    from bot.config import Settings, default_knowledge_dir
    from bot.kb.library import Library

    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    settings = Settings(token=fake_server.token, knowledge=default_knowledge_dir(), database=bad)
    with pytest.raises(CliError, match=f"the database {bad} is damaged"):
        await _run(settings, Library(default_knowledge_dir()))


async def test_a_failed_write_back_is_logged_and_tried_again_at_the_next_write(tmp_path, monkeypatch, caplog):
    path = tmp_path / "retry.db"
    async with Store(path) as store:
        path.unlink()
        real = store._write_back

        async def full_disk():
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(store, "_write_back", full_disk)
        await store.update_settings(1, timezone="Asia/Kolkata")  # committed into the open file; no error here
        assert "could not write the database" in caplog.text and not path.exists()
        monkeypatch.setattr(store, "_write_back", real)
        await store.update_settings(2, timezone="Europe/Stockholm")
        assert path.exists()
    async with Store(path) as store:
        assert [(await store.settings(g)).timezone for g in (1, 2)] == ["Asia/Kolkata", "Europe/Stockholm"]


async def test_a_folder_given_as_the_database_is_one_clear_error_and_no_thread(tmp_path):
    before = _threads()
    with pytest.raises(StoreError) as caught:
        await Store(tmp_path).open()
    assert "is a folder" in str(caught.value) and "CITEBOT_DB" in str(caught.value)
    assert _threads() <= before  # refused before any connection thread started
