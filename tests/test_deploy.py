"""How the bot is deployed: the Docker image's layers and health check, where data lives, plain logs."""

import io
import logging
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError, load_dotenv

ROOT = Path(__file__).resolve().parent.parent


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    logical = re.sub(r"\\\n", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line.strip() else "")
            for line in logical.splitlines() if line.strip()]


def index(predicate) -> int:
    return next(i for i, step in enumerate(instructions()) if predicate(*step))


def test_dependencies_are_a_layer_of_their_own_before_the_code_and_knowledge():
    deps = index(lambda op, args: op == "RUN" and "pip install -r requirements.txt" in args)
    manifest = index(lambda op, args: op == "COPY" and args.split()[0] == "pyproject.toml")
    code = index(lambda op, args: op == "COPY" and args.split()[0] == "bot")
    knowledge = index(lambda op, args: op == "COPY" and args.split()[0] == "knowledge")
    package = index(lambda op, args: op == "RUN" and "pip install" in args and " ." in args)
    assert manifest < deps < code < package and deps < knowledge < package
    copied_before_deps = [args for op, args in instructions()[:deps] if op == "COPY"]
    assert copied_before_deps == ["pyproject.toml ./"]  # nothing else invalidates that layer
    assert "--no-deps" in instructions()[package][1]  # the package layer downloads nothing


def test_the_dependency_list_the_image_installs_is_the_projects():
    run = next(args for op, args in instructions() if op == "RUN" and "requirements.txt" in args)
    command = shlex.split(run.split(">", 1)[0])
    assert command[:2] == ["python", "-c"]
    listed = subprocess.run([sys.executable, "-c", command[2]], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.split()
    assert {"discord.py>=2.6,<3", "aiosqlite>=0.20", "tzdata>=2024.1"} <= set(listed)
    assert any(name.startswith("hatchling") for name in listed)  # --no-build-isolation needs it


def test_the_image_has_a_health_check_that_runs_the_doctor():
    [check] = [args for op, args in instructions() if op == "HEALTHCHECK"]
    assert check.split("CMD", 1)[1].strip() == '["citebot", "doctor", "--alive"]'


def test_the_doctors_help_names_the_health_check_the_image_runs(capsys):
    import json

    from bot.cli import main

    [check] = [args for op, args in instructions() if op == "HEALTHCHECK"]
    command = " ".join(json.loads(check.split("CMD", 1)[1]))
    with pytest.raises(SystemExit):
        main(["doctor", "-h"])
    text = " ".join(capsys.readouterr().out.split())  # as one line, however argparse wrapped it
    told = [sentence for sentence in text.split(". ") if "HEALTHCHECK" in sentence]
    assert told and all(f"`{command}`" in sentence for sentence in told), told


def test_the_image_keeps_data_on_its_volume_whatever_the_env_file_says():
    env = " ".join(args for op, args in instructions() if op == "ENV")
    assert "CITEBOT_DATA_DIR=/data" in env and "CITEBOT_DB" not in env
    assert ("VOLUME", '["/data"]') in instructions()
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert not [line for line in example.splitlines() if line.startswith("CITEBOT_DB")]


@pytest.mark.parametrize(("db", "data_dir", "expected"), [
    ("citebot.db", "/data", "/data/citebot.db"),  # the old .env.example line, in the image
    ("", "/data", "/data/citebot.db"),
    ("sub/bot.db", "/data", "/data/sub/bot.db"),
    ("/srv/bot.db", "/data", "/srv/bot.db"),  # an absolute choice is honoured (the doctor warns)
    ("citebot.db", "", "citebot.db"),  # outside Docker: the working directory, as before
    ("", "", "citebot.db"),
])
def test_where_the_database_lives(monkeypatch, db, data_dir, expected):
    monkeypatch.setenv("CITEBOT_DB", db)
    monkeypatch.setenv("CITEBOT_DATA_DIR", data_dir)
    assert Settings.from_env().database == Path(expected)


@pytest.fixture
def root_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def test_logs_are_plain_text_when_not_on_a_terminal_even_in_docker(monkeypatch, root_logging):
    import discord

    from bot.cli.bot import configure_logging

    monkeypatch.setattr(discord.utils, "is_docker", lambda: True)  # discord.py colours in any container
    captured = io.StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    configure_logging()
    logging.getLogger("bot.test").warning("the scheduler %s", "ticked")
    line = captured.getvalue()
    assert "bot.test: the scheduler ticked" in line and "\x1b[" not in line


def test_logs_are_coloured_on_a_terminal(monkeypatch, root_logging):
    from bot.cli.bot import configure_logging

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    configure_logging(terminal)
    logging.getLogger("bot.test").warning("hello")
    assert "\x1b[" in terminal.getvalue()


def test_the_log_level_is_a_setting(monkeypatch, root_logging):
    from bot.cli.bot import configure_logging

    captured = io.StringIO()
    monkeypatch.setenv("CITEBOT_LOG_LEVEL", "warning")
    configure_logging(captured)
    logging.getLogger("bot.test").info("every question")
    logging.getLogger("bot.test").warning("a slow reply")
    assert "a slow reply" in captured.getvalue() and "every question" not in captured.getvalue()
    monkeypatch.setenv("CITEBOT_LOG_LEVEL", "debug")
    configure_logging(captured)
    assert logging.getLogger().level == logging.DEBUG
    monkeypatch.setenv("CITEBOT_LOG_LEVEL", "loud")
    with pytest.raises(SettingsError, match="CITEBOT_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, not 'loud'"):
        configure_logging(captured)


def test_quotes_and_comments_around_a_setting_are_not_part_of_it(monkeypatch, tmp_path):
    # `docker run --env-file` keeps them; the token and database must read the same as with `citebot run`.
    token = "MTA.abc.def"
    for written in (f'"{token}"', f"'{token}'", f"{token}  # the bot's token", f" {token} "):
        monkeypatch.setenv("DISCORD_TOKEN", written)
        assert Settings.from_env().token == token
    monkeypatch.setenv("CITEBOT_DB", '"citebot.db"')
    monkeypatch.delenv("CITEBOT_DATA_DIR", raising=False)
    assert Settings.from_env().database == Path("citebot.db")
    env = tmp_path / ".env"
    env.write_text(f"DISCORD_TOKEN={token} # from the portal\nDEV_GUILD_ID='42'\nNOTE=\"a # b\"\n", encoding="utf-8")
    for key in ("DISCORD_TOKEN", "DEV_GUILD_ID", "NOTE"):
        monkeypatch.delenv(key, raising=False)
    load_dotenv(env)
    settings = Settings.from_env()
    assert settings.token == token and settings.dev_guild_id == 42
    import os

    assert os.environ["NOTE"] == "a # b"  # inside quotes, a hash is the value's


def test_a_test_server_id_that_is_not_one_is_refused_not_ignored(monkeypatch):
    # Ignored, the commands would sync to every server instead of the test one.
    monkeypatch.setenv("DEV_GUILD_ID", "my server")
    with pytest.raises(SettingsError, match="DEV_GUILD_ID"):
        Settings.from_env()
    monkeypatch.setenv("DEV_GUILD_ID", "")
    assert Settings.from_env().dev_guild_id is None


async def test_the_bot_closes_when_asked_to_stop():
    # `docker stop` sends SIGTERM; a container's first process that does not handle it is killed
    # ten seconds later, its database left with an unmerged write-ahead log.
    import asyncio
    import os
    import signal

    from bot.cli.bot import stop_on_sigterm

    class Bot:
        closed = asyncio.Event()

        async def close(self):
            self.closed.set()

    bot = Bot()
    loop = asyncio.get_running_loop()
    try:
        assert stop_on_sigterm(bot)
        os.kill(os.getpid(), signal.SIGTERM)
        await asyncio.wait_for(bot.closed.wait(), 5)
    finally:
        loop.remove_signal_handler(signal.SIGTERM)
