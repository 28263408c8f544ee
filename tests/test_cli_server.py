"""A server's moderation from the terminal: what /settings, /prompt-admin schedule and the
suggestions queue do in Discord, stored in the same database for a running bot to read."""

import asyncio
import json

import pytest

from bot.store import Store
from tests.conftest import with_tiny_text
from tests.test_cli import run
from tests.test_cli_study import fill

GUILD = 5


def read(path, action):
    async def go():
        async with Store(path) as store:
            return await action(store)
    return asyncio.run(go())


def test_a_new_time_zone_says_what_it_does_to_the_prompt_schedule(database):
    fill(database, lambda store: store.settings(GUILD))
    assert run("server", "schedule", "--guild", str(GUILD), "--daily", "02:30", "--channel", "44")[0] == 0
    code, text = run("server", "settings", "--guild", str(GUILD), "--timezone", "Asia/Tokyo")
    # The schedule keeps its clock time in the new zone: said, not left to be found out at 02:30.
    assert code == 0 and "prompts:        still at 02:30, now Asia/Tokyo time" in text
    assert "prompts:" not in run("server", "settings", "--guild", str(GUILD), "--visibility", "public")[1]


def test_settings_change_whole_or_not_at_all_and_say_why(database):
    fill(database, lambda store: store.settings(GUILD))  # the bot has run once: its database exists
    code, text = run("server", "settings", "--guild", str(GUILD), "--timezone", "Europe/Stockholm",
                     "--visibility", "private", "--bind", "42=kaczmarski-2018")
    assert code == 0 and "time zone:      Europe/Stockholm" in text and "channel 42: asks kaczmarski-2018" in text
    settings = read(database, lambda store: store.settings(GUILD))
    assert settings.timezone == "Europe/Stockholm" and settings.ephemeral
    assert read(database, lambda store: store.channel_text(GUILD, 42)) == "kaczmarski-2018"
    # A bad value anywhere changes nothing, and every reason is given.
    code, _ = run("server", "settings", "--guild", str(GUILD), "--timezone", "UTC", "--texts", "nope")
    assert code == 2 and read(database, lambda store: store.settings(GUILD)).timezone == "Europe/Stockholm"
    # @everyone (the server's own id) is never the moderators' role, here either.
    assert run("server", "settings", "--guild", str(GUILD), "--moderator-role", str(GUILD))[0] == 2
    assert read(database, lambda store: store.settings(GUILD)).moderator_role_id is None
    assert run("server", "settings", "--guild", str(GUILD), "--bind", "general")[0] == 2


def test_a_schedule_is_set_shown_and_stopped(database):
    fill(database, lambda store: store.settings(GUILD))
    code, text = run("server", "schedule", "--guild", str(GUILD), "--weekly", "friday", "18:00", "--channel", "42")
    assert code == 0 and text == "Prompts are posted every Friday at 18:00 (UTC) in channel 42.\n"
    [schedule] = read(database, lambda store: store.schedules(GUILD))
    assert (schedule.channel_id, schedule.cadence, schedule.time) == (42, "weekly", "18:00")
    assert run("server", "schedule", "--guild", str(GUILD), "--daily", "25:00", "--channel", "42")[0] == 2
    # A new time keeps the schedule's channel; a new channel keeps its time.
    assert run("server", "schedule", "--guild", str(GUILD), "--daily", "09:00") == (
        0, "Prompts are posted every day at 09:00 (UTC) in channel 42.\n")
    assert run("server", "schedule", "--guild", str(GUILD), "--channel", "43") == (
        0, "Prompts are posted every day at 09:00 (UTC) in channel 43.\n")
    assert run("server", "schedule", "--guild", str(GUILD), "--off", "--daily", "07:00")[0] == 2  # which one?
    assert run("server", "schedule", "--guild", str(GUILD), "--off") == (0, "Scheduled prompts are off.\n")
    assert run("server", "schedule", "--guild", str(GUILD), "--off") == (0, "Scheduled prompts were off already.\n")
    [schedule] = read(database, lambda store: store.schedules(GUILD))
    assert schedule.paused and run("server", "schedule", "--guild", str(GUILD)) == (
        0, "Scheduled prompts are off; they were posted every day at 09:00 (UTC) in channel 43. To start them "
           "again, give --on (or a new time).\n")
    # A new channel for a schedule turned off keeps it off: it had quietly started posting again.
    code, text = run("server", "schedule", "--guild", str(GUILD), "--channel", "43")
    assert code == 0 and text.startswith("Scheduled prompts are off;")
    assert read(database, lambda store: store.schedules(GUILD))[0].paused
    # --on starts it again where and when it was, without a time typed again.
    assert run("server", "schedule", "--guild", str(GUILD), "--on") == (
        0, "Prompts are posted every day at 09:00 (UTC) in channel 43.\n")
    assert not read(database, lambda store: store.schedules(GUILD))[0].paused
    assert run("server", "schedule", "--guild", str(GUILD), "--off")[0] == 0
    # Off keeps where and when: a new time starts it again in the same channel.
    assert run("server", "schedule", "--guild", str(GUILD), "--daily", "07:00") == (
        0, "Prompts are posted every day at 07:00 (UTC) in channel 43.\n")
    assert not read(database, lambda store: store.schedules(GUILD))[0].paused
    other = GUILD + 1  # a server with no schedule yet: where to post, at what time?
    assert run("server", "schedule", "--guild", str(other), "--off") == (0, "No schedule was set.\n")
    assert run("server", "schedule", "--guild", str(other), "--daily", "09:00")[0] == 2
    assert run("server", "schedule", "--guild", str(other), "--channel", "42")[0] == 2


def test_suggestions_are_listed_and_decided_once(database):
    async def suggest(store):
        await store.add_suggestion(GUILD, 77, "Is Russia right to keep the islands?", "kaczmarski-2018", 3)
        await store.add_suggestion(GUILD, 78, "Should Japan drop the sanctions?", "kaczmarski-2018", 5)
        await store.add_suggestion(GUILD + 1, 79, "Another server's question?", "kaczmarski-2018", 2)

    fill(database, suggest)
    code, text = run("server", "suggestions", "--guild", str(GUILD))
    assert code == 0 and "#1 by user 77 (kaczmarski-2018, passage 3): Is Russia right" in text
    assert "Another server" not in text
    assert run("server", "suggestions", "--guild", str(GUILD), "--approve", "1")[0] == 0
    assert run("server", "suggestions", "--guild", str(GUILD), "--reject", "2")[0] == 0
    assert run("server", "suggestions", "--guild", str(GUILD), "--approve", "1")[0] == 1  # decided already
    assert run("server", "suggestions", "--guild", str(GUILD), "--approve", "3")[0] == 1  # no #3 here
    prompts = read(database, lambda store: store.custom_prompts(GUILD))
    assert [(p.text, p.citations[0].passage) for p in prompts] == [("Is Russia right to keep the islands?", 3)]
    assert read(database, lambda store: store.custom_prompts(GUILD + 1)) == []
    assert run("server", "suggestions", "--guild", str(GUILD))[1] == f"No suggestions are waiting in server {GUILD}.\n"


def test_each_server_suggests_approves_and_removes_by_its_own_numbers(database):
    async def busy_elsewhere(store):
        for n in range(3):
            await store.add_suggestion(GUILD, 77, f"Question {n} in the busy server?", "kaczmarski-2018", 3)
        await store.add_custom_prompt(GUILD, "The busy server's prompt", "kaczmarski-2018", 3, 77)

    fill(database, busy_elsewhere)
    other = str(GUILD + 1)
    code, text = run("prompts", "suggest", "--guild", other, "--user", "79", "--source", "kaczmarski-2018",
                     "Would a joint fishing zone build trust between Japan and Russia?")
    assert code == 0 and text == (f"Suggestion #1 waits for a moderator: citebot server suggestions --guild {other} "
                                  "--approve 1 (or --reject 1).\n")
    assert run("server", "suggestions", "--guild", other)[1].startswith("#1 by user 79 (kaczmarski-2018): Would a")
    code, text = run("server", "suggestions", "--guild", other, "--approve", "1")
    assert code == 0 and text.startswith("Suggestion #1 approved and added to the server's prompts as 'custom-1' "
                                         f"(remove it with `citebot prompts remove --guild {other} custom-1`)")
    code, text = run("prompts", "remove", "--guild", other, "custom-1")
    assert code == 0 and "Removed 'custom-1'" in text and "joint fishing zone" in text
    # The busy server's #1 and custom-1 are its own, untouched by the other's.
    assert [s.number for s in read(database, lambda store: store.suggestions(GUILD))] == [1, 2, 3]
    assert [p.text for p in read(database, lambda store: store.custom_prompts(GUILD))] == ["The busy server's prompt"]


def test_approving_a_suggestion_that_cites_a_passage_the_text_lacks_says_so(database):
    fill(database, lambda store: store.add_suggestion(GUILD, 77, "Is this right?", "kaczmarski-2018", 99))
    fill(database, lambda store: store.add_suggestion(GUILD, 78, "And this?", "kaczmarski-2018", 3))
    code, text = run("server", "suggestions", "--guild", str(GUILD), "--approve", "1")
    assert code == 0 and "approved" in text and "passage 99 of 'kaczmarski-2018'" in text
    assert "Note:" not in run("server", "suggestions", "--guild", str(GUILD), "--approve", "2")[1]


def test_a_backup_is_a_whole_copy_taken_while_the_bot_writes(database, tmp_path):
    import sqlite3

    async def busy(store):
        for n in range(50):
            await store.log_question(guild_id=GUILD, channel_id=1, question=f"q{n}", kind="none", entry_id=None,
                                     confidence=0.1)
        await store.add_suggestion(GUILD, 77, "Is Russia right to keep the islands?", "kaczmarski-2018", 3)
        # An open write the backup must not catch half-done: it reads what was committed.
        await store.db.execute("INSERT INTO suggestions (guild_id, user_id, text, status, created_at) "
                               "VALUES (?, ?, ?, 'pending', 'now')", (GUILD, 78, "uncommitted"))
        code, text = run("db", "backup", str(tmp_path / "copy.db"))
        assert code == 0 and "integrity checked" in text

    fill(database, busy)
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT count(*) FROM questions").fetchone()[0] == 50
        assert [r[0] for r in copy.execute("SELECT text FROM suggestions")] == ["Is Russia right to keep the islands?"]
    assert not list(tmp_path.glob("*.partial"))
    assert run("db", "backup", str(tmp_path / "copy.db"))[0] == 1  # never over a file without --force
    assert run("db", "backup", str(tmp_path / "copy.db"), "--force")[0] == 0
    assert run("db", "backup", str(database))[0] == 1  # exists: never over the database itself either
    code, _ = run("db", "backup", str(tmp_path / "no-such-folder" / "copy.db"))
    assert code == 1 and not (tmp_path / "no-such-folder").exists()


def _questions(path) -> int:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT count(*) FROM questions").fetchone()[0]


def test_a_restore_puts_the_backup_back_whatever_write_ahead_log_lies_beside_the_database(database, tmp_path):
    import sqlite3

    async def log(store, n):
        for k in range(n):
            await store.log_question(guild_id=GUILD, channel_id=1, question=f"q{k}", kind="none", entry_id=None,
                                     confidence=0.1)

    fill(database, lambda store: log(store, 50))
    assert run("db", "backup", str(tmp_path / "nightly.db"))[0] == 0
    fill(database, lambda store: store.update_settings(GUILD, timezone="Europe/Stockholm"))
    # Later writes left in the write-ahead log, as a bot killed mid-run leaves them: copying the
    # backup over the file by hand would have them replayed on top of it.
    crashed = sqlite3.connect(database)
    crashed.execute("PRAGMA wal_autocheckpoint = 0")
    crashed.executemany("INSERT INTO questions (guild_id, channel_id, question, kind, confidence, asked_at) "
                        "VALUES (?, 1, 'later', 'none', 0, 'now')", [(GUILD,)] * 300)
    crashed.commit()
    assert (tmp_path / "bot.db-wal").stat().st_size > 0
    code, text = run("db", "restore", str(tmp_path / "nightly.db"))
    crashed.close()
    assert code == 0 and "restored" in text and "integrity checked" in text
    assert _questions(database) == 50
    assert read(database, lambda store: store.settings(GUILD)).timezone == "UTC"  # as it was backed up
    # What it replaced is kept whole beside it, readable by its owner alone.
    [kept] = tmp_path.glob("bot.db.before-restore-*")
    assert _questions(kept) == 350 and kept.stat().st_mode & 0o777 == 0o600 and str(kept) in text
    # The backup and the kept copy are single files: reading them left no -wal or -shm beside them.
    assert not [p.name for p in tmp_path.iterdir()
                if p.name.endswith(("-wal", "-shm")) and not p.name.startswith("bot.db-")]


def test_restores_within_one_second_each_keep_the_database_they_replaced(database, tmp_path, monkeypatch):
    from datetime import datetime

    import bot.cli.db as cli_db

    class Clock:  # every restore in the same second, as `restore a.db; restore b.db` runs them
        @staticmethod
        def now() -> datetime:
            return datetime(2026, 3, 4, 5, 6, 7)

    def zone(name):
        return lambda store: store.update_settings(GUILD, timezone=name)

    monkeypatch.setattr(cli_db, "datetime", Clock)
    fill(database, zone("Asia/Tokyo"))
    assert run("db", "backup", str(tmp_path / "a.db"))[0] == 0
    fill(database, zone("Europe/Oslo"))
    assert run("db", "backup", str(tmp_path / "b.db"))[0] == 0
    fill(database, zone("America/Lima"))
    first = run("db", "restore", str(tmp_path / "a.db"))
    second = run("db", "restore", str(tmp_path / "b.db"))
    kept = tmp_path / "bot.db.before-restore-20260304-050607"
    again = tmp_path / "bot.db.before-restore-20260304-050607-2"
    # The first kept copy is not replaced by the second, and each message names the file it wrote.
    assert first[0] == second[0] == 0
    assert first[1].endswith(f"kept at {kept}\n") and second[1].endswith(f"kept at {again}\n")
    assert read(kept, lambda store: store.settings(GUILD)).timezone == "America/Lima"
    assert read(again, lambda store: store.settings(GUILD)).timezone == "Asia/Tokyo"
    assert again.stat().st_mode & 0o777 == 0o600
    assert read(database, lambda store: store.settings(GUILD)).timezone == "Europe/Oslo"


def test_a_restore_refuses_what_is_not_a_citebot_backup_and_changes_nothing(database, tmp_path):
    import sqlite3

    fill(database, lambda store: store.update_settings(GUILD, timezone="Asia/Tokyo"))
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    with sqlite3.connect(tmp_path / "other.db") as other:
        other.execute("CREATE TABLE t (x)")
    assert run("db", "restore", str(tmp_path / "missing.db"))[0] == 1
    assert run("db", "restore", str(tmp_path / "notes.txt"))[0] == 1
    assert run("db", "restore", str(tmp_path / "other.db"))[0] == 1
    assert run("db", "restore", str(database))[0] == 2
    assert run("db", "backup", str(tmp_path / "newer.db"))[0] == 0
    with sqlite3.connect(tmp_path / "newer.db") as newer:
        newer.execute("PRAGMA user_version = 999")
    code, _ = run("db", "restore", str(tmp_path / "newer.db"))
    assert code == 1
    assert read(database, lambda store: store.settings(GUILD)).timezone == "Asia/Tokyo"
    assert not list(tmp_path.glob("bot.db.before-restore-*"))


def test_on_postgresql_backup_and_restore_give_pg_dump_and_pg_restore_as_they_must_be_run(monkeypatch, capsys):
    monkeypatch.setenv("CITEBOT_DB", "postgresql://citebot@127.0.0.1:1/citebot")
    assert run("db", "backup", "nightly.dump")[0] == 1
    # A dump holds members' questions: made private, as `db backup` makes a SQLite copy.
    assert "(umask 077; pg_dump -Fc URL > nightly.dump)" in capsys.readouterr().err
    assert run("db", "restore", "nightly.dump")[0] == 1
    # Without --clean, pg_restore into the bot's database fails on every table there and replaces nothing.
    assert "pg_restore --clean --if-exists -d URL nightly.dump" in capsys.readouterr().err


def test_a_backup_named_relatively_goes_to_the_data_folder_and_is_private(tmp_path, monkeypatch):
    # In the image, the working folder is lost with the container; /data (CITEBOT_DATA_DIR) is kept.
    data = tmp_path / "data"
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(data))
    monkeypatch.delenv("CITEBOT_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    fill(data / "citebot.db", lambda store: store.update_settings(GUILD, timezone="Asia/Tokyo"))
    code, text = run("db", "backup", "nightly.db")
    assert code == 0 and (data / "nightly.db").is_file() and not (tmp_path / "nightly.db").exists()
    assert (data / "nightly.db").stat().st_mode & 0o777 == 0o600
    assert f"citebot db restore {data / 'nightly.db'}" in text
    fill(data / "citebot.db", lambda store: store.update_settings(GUILD, timezone="UTC"))
    assert run("db", "restore", "nightly.db")[0] == 0
    assert read(data / "citebot.db", lambda store: store.settings(GUILD)).timezone == "Asia/Tokyo"


def test_a_backup_named_in_the_working_folder_stays_there(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    monkeypatch.setenv("CITEBOT_DATA_DIR", str(data))
    monkeypatch.delenv("CITEBOT_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    fill(data / "citebot.db", lambda store: store.update_settings(GUILD, timezone="Asia/Tokyo"))
    assert run("db", "backup", "./here.db")[0] == 0
    assert (tmp_path / "here.db").is_file() and not (data / "here.db").exists()
    fill(data / "citebot.db", lambda store: store.update_settings(GUILD, timezone="UTC"))
    # A bare name is looked for beside the database, and the message says how to name the working folder.
    assert run("db", "restore", "here.db")[0] == 1
    assert "./here.db is in the working folder" in capsys.readouterr().err
    assert run("db", "restore", "./here.db")[0] == 0
    assert read(data / "citebot.db", lambda store: store.settings(GUILD)).timezone == "Asia/Tokyo"


def test_a_server_is_set_up_before_the_bot_has_ever_run(database, capsys):
    assert not database.exists()
    code, _ = run("server", "settings", "--guild", str(GUILD), "--timezone", "Europe/Stockholm")
    assert code == 0 and database.exists() and "created the database" in capsys.readouterr().err
    assert read(database, lambda store: store.settings(GUILD)).timezone == "Europe/Stockholm"
    assert run("server", "suggestions", "--guild", str(GUILD)) == (
        0, f"No suggestions are waiting in server {GUILD}.\n")


def test_settings_list_every_channel_bound_to_a_text(database):
    run("server", "settings", "--guild", str(GUILD), "--bind", "42=kaczmarski-2018")
    run("server", "settings", "--guild", str(GUILD), "--bind", "43=kaczmarski-2018")
    code, text = run("server", "settings", "--guild", str(GUILD))  # no change: the bindings are still shown
    assert code == 0 and "channel 42: asks kaczmarski-2018" in text and "channel 43: asks kaczmarski-2018" in text
    _, text = run("server", "settings", "--guild", str(GUILD), "--bind", "42=any")
    assert "channel 42: asks the server's texts" in text and "channel 43: asks kaczmarski-2018" in text


def test_every_bind_is_applied_together_and_a_channel_given_two_texts_is_refused(database, capsys):
    fill(database, lambda store: store.bind_channel(GUILD, 42, "kaczmarski-2018"))
    settings = ("server", "settings", "--guild", str(GUILD))
    code, text = run(*settings, "--bind", "501=kaczmarski-2018", "--bind", "502=kaczmarski-2018", "--bind", "42=any")
    assert code == 0 and "channel 501: asks kaczmarski-2018" in text and "channel 502: asks kaczmarski-2018" in text
    assert "channel 42: asks the server's texts" in text
    bound = [(501, "kaczmarski-2018"), (502, "kaczmarski-2018")]
    assert read(database, lambda store: store.channel_texts(GUILD)) == bound
    # One bad --bind among several: none of them, nor any other change, is stored.
    code, _ = run(*settings, "--bind", "503=kaczmarski-2018", "--bind", "504=nope", "--timezone", "Asia/Tokyo")
    assert code == 2 and "Unknown text id: nope" in capsys.readouterr().err
    assert read(database, lambda store: store.channel_texts(GUILD)) == bound
    assert read(database, lambda store: store.settings(GUILD)).timezone == "UTC"
    # One channel given two texts is a mistake to point out, not a choice of the last one.
    assert run(*settings, "--bind", "501=any", "--bind", "501=kaczmarski-2018")[0] == 2
    assert "--bind names channel 501 twice" in capsys.readouterr().err
    assert read(database, lambda store: store.channel_texts(GUILD)) == bound


def test_a_channel_bound_to_a_text_the_server_leaves_out_is_pointed_out(database, tmp_path):
    import shutil
    import textwrap

    from bot.config import default_knowledge_dir
    from tests.conftest import SMALL_ENTRIES, SMALL_SOURCE

    root = tmp_path / "k"
    shutil.copytree(default_knowledge_dir(), root)
    (root / "sources" / "tiny.md").write_text(textwrap.dedent(SMALL_SOURCE), encoding="utf-8")
    (root / "entries" / "tiny.yaml").write_text(textwrap.dedent(SMALL_ENTRIES), encoding="utf-8")
    base = ("--knowledge", str(root), "server", "settings", "--guild", str(GUILD))
    assert "not among the texts" not in run(*base, "--bind", "42=tiny")[1]
    code, text = run(*base, "--texts", "kaczmarski-2018")
    assert code == 0 and "channel 42: asks tiny (not among the texts above" in text


@pytest.mark.parametrize("argv", [
    ("server", "settings", "--guild", "9" * 26),  # past a 64-bit id: one line, not a traceback
    ("server", "schedule", "--guild", str(GUILD), "--daily", "09:00", "--channel", "-5"),
    ("server", "suggestions", "--guild", str(GUILD), "--approve", "0"),
    ("ask", "--guild", "0", "hello"),
    ("kb", "gaps", "--limit", "0"),
])
def test_an_id_or_count_out_of_range_is_a_usage_error(database, capsys, argv):
    with pytest.raises(SystemExit) as exited:
        run(*argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("Discord id" in err or "1 or more" in err or "number from the list" in err)
    assert not database.exists()


def test_asking_as_a_server_reads_only_the_texts_it_chose(database, tmp_path):
    root = tmp_path / "two"
    with_tiny_text(root)
    assert run("--knowledge", str(root), "server", "settings", "--guild", str(GUILD), "--texts", "tiny")[0] == 0
    _, shipped = run("--knowledge", str(root), "ask", "--guild", str(GUILD), "--json", "where did abe meet putin")
    assert json.loads(shipped)["kind"] == "none"
    _, named = run("--knowledge", str(root), "ask", "--guild", str(GUILD), "--source", "kaczmarski-2018", "--json",
                   "where did abe meet putin")
    assert json.loads(named)["kind"] == "curated"  # a text named outright is asked, as `source:` is in Discord
    _, other = run("--knowledge", str(root), "ask", "--guild", str(GUILD + 1), "--json", "where did abe meet putin")
    assert json.loads(other)["kind"] == "curated"


def test_a_server_is_not_set_up_in_a_new_database_where_nothing_says_the_bot_runs(tmp_path, monkeypatch, capsys):
    # From another folder, the change would go to a fresh database the bot never reads.
    for key in ("CITEBOT_DB", "CITEBOT_DATA_DIR"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.chdir(tmp_path)
    code, _ = run("server", "schedule", "--guild", str(GUILD), "--daily", "08:00", "--channel", "555")
    assert code == 1 and not (tmp_path / "citebot.db").exists()
    assert "nothing says the bot runs here" in capsys.readouterr().err
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\n", encoding="utf-8")  # the bot's folder, before its first run
    code, _ = run("server", "settings", "--guild", str(GUILD), "--timezone", "Europe/Stockholm")
    assert code == 0 and (tmp_path / "citebot.db").exists()
    assert "created the database at" in capsys.readouterr().err


def test_ask_log_where_no_database_could_be_made_says_so_before_any_answer(tmp_path, monkeypatch, capsys):
    # It said it answered from the shared knowledge, then failed to log, with no answer between.
    for name in ("CITEBOT_DB", "CITEBOT_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    code, text = run("ask", "--guild", "77", "--log", "where did abe meet putin")
    err = capsys.readouterr().err
    assert code == 1 and "Vladivostok" not in text
    assert "nothing says the bot runs here" in err and "answers from the shared knowledge" not in err
    assert not (tmp_path / "citebot.db").exists()
