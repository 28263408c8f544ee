"""`citebot doctor`: one line per check with its fix, exit 1 if any fails; --online against the fake Discord."""

import asyncio
import sqlite3

import pytest

from bot.cli import main
from bot.schedule import ScheduleError
from bot.store import Store
from tests.conftest import write_knowledge
from tests.fakediscord import FakeDiscord
from tests.fakediscord.gateway import TEXT

# A real token's shape (the bot's id in base64, a timestamp part, an HMAC part); not a real token.
SHAPED = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A clean environment: no .env here, a database in tmp_path, a shaped token."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DISCORD_TOKEN", SHAPED)
    monkeypatch.setenv("CITEBOT_DB", str(tmp_path / "citebot.db"))
    for name in ("CITEBOT_DATA_DIR", "CITEBOT_KNOWLEDGE", "CITEBOT_SHARD_COUNT", "CITEBOT_SHARD_IDS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def doctor(capsys, *args: str) -> tuple[int, list[str]]:
    status = main(["doctor", *args])
    captured = capsys.readouterr()
    assert captured.err == ""  # no tracebacks, whatever fails
    return status, captured.out.splitlines()


def _create_database(path) -> None:
    async def create() -> None:
        async with Store(path):
            pass
    asyncio.run(create())


def test_a_healthy_installation_passes_every_check(env, capsys, tmp_path):
    _create_database(tmp_path / "citebot.db")
    status, lines = doctor(capsys)
    assert status == 0
    assert [line.split(":")[0] for line in lines] == ["✓ token", "✓ database", "✓ private files", "✓ knowledge",
                                                       "✓ MiniLM", "✓ time zones", "✓ shards"]
    assert "bot id 123456789012345678" in lines[0]
    assert str(tmp_path / "citebot.db") in lines[1] and "writable" in lines[1] and "schema" in lines[1]
    assert SHAPED not in "\n".join(lines) and SHAPED.split(".")[2] not in "\n".join(lines)


@pytest.mark.parametrize(("count", "ids", "line"), [
    ("", "", "✓ shards: one process, all shards (CITEBOT_SHARD_COUNT is not set)"),
    ("4", "", "✓ shards: all 4 in this process (CITEBOT_SHARD_COUNT=4; CITEBOT_SHARD_IDS unset or empty)"),
    ("4", "0,1", "✓ shards: 0, 1 of 4 in this process (CITEBOT_SHARD_IDS); 2, 3 must run in other processes"),
    ("8", "0,1,2,5", "✓ shards: 0-2, 5 of 8 in this process (CITEBOT_SHARD_IDS); 3, 4, 6, 7 must run in other"),
    ("4", "0,0", "✗ shards: CITEBOT_SHARD_IDS names shard 0 more than once"),
    ("99999999999999999999", "", "✗ shards: CITEBOT_SHARD_COUNT must be at most 1000"),
    ("", "1", "✗ shards: CITEBOT_SHARD_IDS needs CITEBOT_SHARD_COUNT"),
])
def test_the_shards_this_process_runs_are_one_check_among_the_others(env, capsys, tmp_path, count, ids, line):
    _create_database(tmp_path / "citebot.db")
    env.setenv("CITEBOT_SHARD_COUNT", count)
    env.setenv("CITEBOT_SHARD_IDS", ids)
    status, lines = doctor(capsys)
    assert status == (0 if line.startswith("✓") else 1)
    [shards] = [found for found in lines if found[2:].startswith("shards:")]
    assert shards.startswith(line)
    assert len(lines) == 7 and all(found.startswith("✓") for found in lines if found != shards)  # the rest still ran


def test_a_token_file_or_database_others_can_read_fails_with_the_chmod(env, capsys, tmp_path):
    _create_database(tmp_path / "citebot.db")
    env.delenv("DISCORD_TOKEN")  # read from the .env file instead
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={SHAPED}\n", encoding="utf-8")
    (tmp_path / ".env").chmod(0o644)  # as `cp .env.example .env` leaves it under the usual umask
    (tmp_path / "citebot.db").chmod(0o640)  # as a database made before the bot made them private
    status, lines = doctor(capsys)
    assert status == 1
    assert any(line.startswith("✗ token file") and line.endswith("chmod 600 .env") for line in lines)
    assert any(line.startswith("✗ database file") and "(mode 640)" in line and
               line.endswith(f"chmod 600 {tmp_path / 'citebot.db'}") for line in lines)
    (tmp_path / ".env").chmod(0o600)
    (tmp_path / "citebot.db").chmod(0o600)
    status, lines = doctor(capsys)
    assert status == 0 and [line for line in lines if "file" in line.split(":")[0]] == [
        f"✓ private files: .env and {tmp_path / 'citebot.db'} readable by their owner alone"]


def test_a_database_not_made_yet_is_not_made_by_the_check(env, capsys, tmp_path):
    status, lines = doctor(capsys)
    assert status == 0 and not (tmp_path / "citebot.db").exists()
    assert lines[1].startswith("✓ database:") and "does not exist yet" in lines[1] and "`citebot run`" in lines[1]
    (tmp_path / "a-file").write_text("not a folder")
    env.setenv("CITEBOT_DB", str(tmp_path / "a-file" / "citebot.db"))
    status, lines = doctor(capsys)
    assert status == 1 and lines[1].startswith("✗ database:") and "a-file" in lines[1]


@pytest.mark.parametrize(("token", "found"), [("", "is not set"), ("not-a-token", "does not look like a bot token"),
                                              ("a.b", "does not look like a bot token"),
                                              ("a.b.c", "does not look like a bot token"),  # parts too short
                                              ("bm90LWFuLWlk.GAbc12.abcdefghijklmnopqrstuvwxyz0123",  # not an id
                                               "does not look like a bot token")])
def test_a_missing_or_misshapen_token_fails_with_its_fix(env, capsys, token, found):
    env.setenv("DISCORD_TOKEN", token)
    status, lines = doctor(capsys)
    assert status == 1
    assert lines[0].startswith("✗ token:") and found in lines[0] and "developer portal" in lines[0]
    assert token == "" or token not in lines[0]


def test_a_damaged_database_fails_with_its_path_and_fix(env, capsys, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"garbage" * 500)
    env.setenv("CITEBOT_DB", str(bad))
    status, lines = doctor(capsys)
    assert status == 1
    [line] = [line for line in lines if line.startswith("✗ database:")]
    assert str(bad) in line and "move it aside" in line


def test_a_database_outside_the_data_folder_fails(env, capsys, tmp_path):
    env.setenv("CITEBOT_DATA_DIR", str(tmp_path / "volume"))
    env.setenv("CITEBOT_DB", str(tmp_path / "elsewhere.db"))
    status, lines = doctor(capsys)
    assert status == 1
    assert any(line.startswith("✗ data folder:") and "lost when the container is recreated" in line
               for line in lines)
    env.setenv("CITEBOT_DB", "citebot.db")  # relative: kept in the data folder
    status, lines = doctor(capsys)
    assert status == 0 and str(tmp_path / "volume" / "citebot.db") in lines[1]


def test_broken_knowledge_fails(env, capsys, tmp_path):
    root = write_knowledge(tmp_path / "k", entries="- id: [unclosed\n")
    status, lines = doctor(capsys, "--knowledge", str(root))
    assert status == 1
    [line] = [line for line in lines if line.startswith("✗ knowledge:")]
    assert f"run `citebot --knowledge {root} kb validate`" in line  # the folder in use, not the shipped one


def test_missing_encoder_weights_fail_with_their_fix(env, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr("bot.kb.encoder.WEIGHTS", tmp_path / "gone.npz")
    status, lines = doctor(capsys)
    assert status == 1
    [line] = [line for line in lines if line.startswith("✗ MiniLM:")]
    assert "gone.npz" in line and "reinstall" in line


def test_missing_time_zone_data_fails(env, capsys, monkeypatch):
    def no_data(name):
        raise ScheduleError(name)

    monkeypatch.setattr("bot.schedule.zone", no_data)
    status, lines = doctor(capsys)
    [line] = [line for line in lines if line.startswith("✗ time zones:")]
    assert status == 1 and "tzdata" in line


def test_a_servers_unknown_stored_zone_fails(env, capsys, tmp_path):
    _create_database(tmp_path / "citebot.db")
    with sqlite3.connect(tmp_path / "citebot.db") as db:
        db.execute("INSERT INTO guild_settings (guild_id, timezone) VALUES (1, 'Mars/Olympus')")
    status, lines = doctor(capsys)
    [line] = [line for line in lines if line.startswith("✗ time zones:")]
    assert status == 1 and "Mars/Olympus" in line


# -- online, against the fake Discord -----------------------------------------------------------

@pytest.fixture
def world(env, tmp_path, fake_server):
    """The fake Discord's server with the bot in one study group; the doctor uses its token."""
    env.setenv("DISCORD_TOKEN", fake_server.token)
    return FakeDiscord(tmp_path, server=fake_server)


def test_online_reports_the_bot_its_servers_and_all_is_well(world, capsys):
    status, lines = doctor(capsys, "--online")
    assert status == 0, lines
    assert lines[6].startswith("✓ login: logged in as ") and f"id {world.server.bot.id}" in lines[6]
    assert lines[7] == "✓ servers: in 1: Study group"
    assert lines[8] == "✓ server Study group: every permission it needs in 3 channel(s)"
    assert world.server.problems == []
    assert world.server.token not in "\n".join(lines)


def test_online_names_the_channels_where_a_permission_is_missing(world, capsys):
    world.deny(world.channel("study"), "embed_links", "create_public_threads")
    world.deny(world.channel("discussion"), "send_messages_in_threads")
    private = world.add_channel(world.guild, "mods", TEXT)
    world.deny(private, "view_channel")
    world.add_channel(world.add_guild("Book club", members=()), "reading", TEXT)
    status, lines = doctor(capsys, "--online")
    assert status == 1
    assert lines[7] == "✓ servers: in 2: Study group, Book club"
    study = next(line for line in lines if line.startswith("✗ server Study group:"))
    assert "#study lacks Embed Links, Create Public Threads" in study
    assert "#discussion lacks Send Messages in Threads" in study
    assert "cannot see #mods (fine if private)" in study and "Server Settings" in study
    assert "#general" not in study
    assert any(line.startswith("✓ server Book club:") for line in lines)
    assert world.server.problems == []


def test_online_with_a_rejected_token_says_so(world, capsys, env):
    env.setenv("DISCORD_TOKEN", SHAPED)  # shaped, but not the fake Discord's
    status, lines = doctor(capsys, "--online")
    assert status == 1
    assert lines[-1] == ("✗ login: Discord rejected DISCORD_TOKEN \u2014 reset the token in the developer portal "
                         "and set it again")


def test_online_with_a_bot_in_no_server_says_how_to_invite_it(world, capsys):
    world.server.guilds.clear()
    status, lines = doctor(capsys, "--online")
    assert status == 1 and lines[-1].startswith("✗ servers: the bot is in no server yet") and "OAuth2" in lines[-1]


# -- alive: the health of a running bot ---------------------------------------------------------

async def test_a_connected_bot_notes_itself_alive_and_the_check_reads_it(make_discord, tmp_path):
    from datetime import datetime, timedelta

    from bot.cli.doctor import ALIVE_WITHIN, check_alive
    from bot.config import Settings

    fake = await make_discord()
    settings = Settings(database=fake.database)
    # The heartbeat notes the time in a task of its own once the bot is ready: wait for its first note.
    seen = None
    for _ in range(100):
        async with Store(fake.database) as store:
            seen = await store.get_meta("alive")
        if seen is not None:
            break
        await asyncio.sleep(0.05)
    assert seen is not None
    check = await check_alive(settings)
    assert check.ok and check.line().startswith("✓ running: connected to Discord ")
    await fake.stop()
    # Stopped (or stuck) for longer than a few heartbeats: unhealthy, with when and what to do.
    later = datetime.fromisoformat(seen) + timedelta(minutes=20)
    assert later - datetime.fromisoformat(seen) > timedelta(seconds=ALIVE_WITHIN)
    check = await check_alive(settings, now=later)
    assert not check.ok and f"last connected to Discord 20 min ago ({seen})" in check.line()
    assert "read the bot's log" in check.line()
    # Each process of a sharded bot has its own note.
    assert not (await check_alive(Settings(database=fake.database, shard_count=4, shard_ids=(2, 3)))).ok


def test_alive_without_a_database_fails_and_makes_none(env, capsys, tmp_path):
    status, lines = doctor(capsys, "--alive")
    assert status == 1 and lines == [f"✗ running: no database at {tmp_path / 'citebot.db'}: the bot has not run "
                                     "with these settings \u2014 start it with citebot run"]
    assert not (tmp_path / "citebot.db").exists()
    _create_database(tmp_path / "citebot.db")
    status, lines = doctor(capsys, "--alive")
    assert status == 1 and "never been connected to Discord" in lines[0]
