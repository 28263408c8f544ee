import io
import json

import discord
import pytest
from discord import app_commands

from bot import render
from bot.cli import main
from bot.client import APOLOGY, CitebotTree, command_hash, command_payload
from tests.discord_helpers import make_bot, make_interaction, sent


@pytest.fixture
async def bot(tmp_path):
    bot = await make_bot(tmp_path)
    yield bot
    await bot.store.close()


def all_commands(bot):
    return list(bot.tree.walk_commands())


async def test_bot_never_pings_and_needs_no_privileged_intents(bot):
    mentions = bot.allowed_mentions
    assert (mentions.everyone, mentions.users, mentions.roles, mentions.replied_user) == (False, False, False, False)
    assert not bot.intents.message_content and not bot.intents.members and not bot.intents.presences


async def test_command_names_are_unique_and_descriptions_fit(bot):
    names = [c.qualified_name for c in all_commands(bot)]
    assert len(names) == len(set(names))
    assert {"ask", "passage", "search", "source", "help", "settings", "kb-admin reload"} <= set(names)
    for command in all_commands(bot):
        assert 0 < len(command.description) <= render.COMMAND_DESCRIPTION_LIMIT, command.qualified_name
        for parameter in getattr(command, "parameters", []):
            assert 0 < len(parameter.description) <= render.COMMAND_DESCRIPTION_LIMIT, parameter.name
            assert parameter.description != "…"


async def test_command_hash_changes_only_with_the_commands(bot, tmp_path):
    before = command_hash(bot.tree)
    assert before == command_hash(bot.tree)

    @app_commands.command(name="extra", description="x")
    async def extra(interaction: discord.Interaction) -> None: ...

    bot.tree.add_command(extra)
    assert command_hash(bot.tree) != before


def test_dry_run_prints_the_sync_payload_offline(monkeypatch):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    out = io.StringIO()
    assert main(["run", "--dry-run"], out=out) == 0
    payload = json.loads(out.getvalue())
    assert {c["name"] for c in payload} >= {"ask", "passage", "search", "source", "help", "kb", "settings"}
    ask = next(c for c in payload if c["name"] == "ask")
    assert ask["options"][0]["autocomplete"] is True


async def test_dry_run_payload_matches_the_tree(bot):
    assert [c["name"] for c in command_payload(bot.tree)] == [c.name for c in bot.tree.get_commands()]


@pytest.mark.parametrize(("env", "says"), [({}, "DISCORD_TOKEN is not set"),
                                           ({"DISCORD_TOKEN": "nope"}, "does not look like a bot token")])
def test_run_without_a_usable_token_fails_in_one_line(monkeypatch, tmp_path, capsys, env, says):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    if "DISCORD_TOKEN" in env:
        assert env["DISCORD_TOKEN"] not in err.replace("DISCORD_TOKEN", "")


def test_token_from_dotenv_is_read_and_never_printed(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    (tmp_path / ".env").write_text("DISCORD_TOKEN=secret-value-123\n")
    assert main(["run"]) == 1
    err = capsys.readouterr().err
    assert "does not look like a bot token" in err and "secret-value-123" not in err


async def test_unexpected_errors_get_an_apology_once(bot, caplog):
    interaction = make_interaction(bot)
    error = app_commands.CommandInvokeError(app_commands.Command(
        name="ask", description="d", callback=_noop), RuntimeError("boom"))
    await CitebotTree.on_error(bot.tree, interaction, error)
    assert sent(interaction)["content"] == APOLOGY and sent(interaction)["ephemeral"] is True
    assert any("failed" in r.message for r in caplog.records)


async def test_errors_after_a_response_go_to_a_follow_up(bot):
    interaction = make_interaction(bot)
    await interaction.response.send_message("first")
    await CitebotTree.on_error(bot.tree, interaction, app_commands.CheckFailure("Only moderators can do that."))
    interaction.followup.send.assert_awaited_once()
    assert interaction.followup.send.await_args.args[0] == "Only moderators can do that."


async def _noop(interaction: discord.Interaction) -> None: ...


async def test_the_bot_notes_which_knowledge_folder_its_database_serves(discord_):
    # `kb fix-citations` renumbers the servers' stored citations only when it fixes that folder.
    from bot.store import SERVED_KNOWLEDGE

    served = await discord_.bot.store.get_meta(SERVED_KNOWLEDGE)
    assert served == str(discord_.bot.library.root.resolve())
