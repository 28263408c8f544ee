"""A server's moderation from the terminal: what /settings, /prompt-admin schedule and the
suggestions queue do in Discord, stored in the same database for a running bot to read."""

import asyncio

from bot.store import Store
from tests.test_cli import run
from tests.test_cli_study import fill

GUILD = 5


def read(path, action):
    async def go():
        async with Store(path) as store:
            return await action(store)
    return asyncio.run(go())


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
    assert code == 1 and read(database, lambda store: store.settings(GUILD)).timezone == "Europe/Stockholm"
    # @everyone (the server's own id) is never the moderators' role, here either.
    assert run("server", "settings", "--guild", str(GUILD), "--moderator-role", str(GUILD))[0] == 1
    assert read(database, lambda store: store.settings(GUILD)).moderator_role_id is None
    assert run("server", "settings", "--guild", str(GUILD), "--bind", "general")[0] == 2


def test_a_schedule_is_set_shown_and_stopped(database):
    fill(database, lambda store: store.settings(GUILD))
    code, text = run("server", "schedule", "--guild", str(GUILD), "--weekly", "friday", "18:00", "--channel", "42")
    assert code == 0 and text == "Prompts are posted every Friday at 18:00 (UTC) in channel 42.\n"
    [schedule] = read(database, lambda store: store.schedules(GUILD))
    assert (schedule.channel_id, schedule.cadence, schedule.time) == (42, "weekly", "18:00")
    assert run("server", "schedule", "--guild", str(GUILD), "--daily", "25:00", "--channel", "42")[0] == 2
    assert run("server", "schedule", "--guild", str(GUILD), "--daily", "09:00")[0] == 2  # where to post?
    assert run("server", "schedule", "--guild", str(GUILD), "--off") == (0, "Scheduled prompts are off.\n")
    assert read(database, lambda store: store.schedules(GUILD)) == []


def test_suggestions_are_listed_and_decided_once(database):
    async def suggest(store):
        await store.add_suggestion(GUILD, 77, "Is Russia right to keep the islands?", "kaczmarski-2018", 3)
        await store.add_suggestion(GUILD, 78, "Should Japan drop the sanctions?", "kaczmarski-2018", 5)
        await store.add_suggestion(GUILD + 1, 79, "Another server's question?", "kaczmarski-2018", 2)

    fill(database, suggest)
    code, text = run("server", "suggestions", "--guild", str(GUILD))
    assert code == 0 and "#1 by user 77 (passage 3): Is Russia right" in text and "Another server" not in text
    assert run("server", "suggestions", "--guild", str(GUILD), "--approve", "1")[0] == 0
    assert run("server", "suggestions", "--guild", str(GUILD), "--reject", "2")[0] == 0
    assert run("server", "suggestions", "--guild", str(GUILD), "--approve", "1")[0] == 1  # decided already
    assert run("server", "suggestions", "--guild", str(GUILD), "--approve", "3")[0] == 1  # another server's
    prompts = read(database, lambda store: store.custom_prompts(GUILD))
    assert [(p.text, p.citations[0].passage) for p in prompts] == [("Is Russia right to keep the islands?", 3)]
    assert read(database, lambda store: store.custom_prompts(GUILD + 1)) == []
    assert run("server", "suggestions", "--guild", str(GUILD))[1] == f"No suggestions are waiting in server {GUILD}.\n"


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
