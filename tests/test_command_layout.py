"""Which commands members see, which only moderators see, and which work outside a server."""

from __future__ import annotations

import discord
import pytest

from bot.checks import NotCurator, NotModerator, NotModeratorOrCurator, moderators_see
from bot.client import command_payload
from tests.discord_helpers import make_bot, make_interaction, make_member, sent

MANAGE_MESSAGES = discord.Permissions(manage_messages=True).value
MODERATORS = {"kb-admin", "settings", "prompt-admin"}
MEMBERS = {"ask", "passage", "search", "source", "help", "prompt", "quiz", "kb"}  # kb: curators, checked at use
SERVER_ONLY = {"kb", "kb-admin", "settings", "prompt", "prompt-admin", "quiz"}
GUILD_CONTEXT = 0  # Discord's InteractionContextType.GUILD


@pytest.fixture
async def bot(tmp_path):
    bot = await make_bot(tmp_path)
    yield bot
    await bot.store.close()


@pytest.fixture
async def payload(bot):
    return {c["name"]: c for c in command_payload(bot.tree)}


async def test_every_top_level_command_is_sorted_into_members_or_moderators(payload):
    assert set(payload) == MODERATORS | MEMBERS


@pytest.mark.parametrize("name", sorted(MODERATORS))
async def test_moderator_commands_are_hidden_from_members(payload, name):
    assert payload[name]["default_member_permissions"] == MANAGE_MESSAGES


@pytest.mark.parametrize("name", sorted(MEMBERS))
async def test_member_commands_are_shown_to_everyone(payload, name):
    assert payload[name]["default_member_permissions"] is None


@pytest.mark.parametrize("name", sorted(SERVER_ONLY))
async def test_server_commands_are_offered_only_in_servers(payload, name):
    assert payload[name]["contexts"] == [GUILD_CONTEXT]
    assert payload[name]["dm_permission"] is False


@pytest.mark.parametrize("name", sorted(MEMBERS - SERVER_ONLY))
async def test_reading_commands_are_offered_in_dms_too(payload, name):
    assert payload[name]["contexts"] is None or 1 in payload[name]["contexts"]


async def refused_commands(bot) -> dict[str, type[Exception]]:
    """Every command a plain member (no Manage Server, no role) is refused, and with what."""
    member = make_member()
    refused = {}
    for command in bot.tree.walk_commands():
        if not isinstance(command, discord.app_commands.Command):
            continue
        try:
            for check in command.checks:
                await check(make_interaction(bot, member=member))
        except (NotModerator, NotCurator, NotModeratorOrCurator) as exc:
            refused[command.qualified_name] = type(exc)
    return refused


async def test_every_moderator_only_command_is_in_a_hidden_command(bot):
    refused = await refused_commands(bot)
    moderators = {name for name, why in refused.items() if why is NotModerator}
    assert refused["kb gaps"] is NotModeratorOrCurator
    assert moderators >= {"kb-admin reload", "settings", "prompt-admin post", "prompt-admin schedule",
                          "prompt-admin queue"}
    for name in moderators:
        top = bot.tree.get_command(name.split()[0])
        assert top.default_permissions == moderators_see(), name


async def test_curator_commands_are_shown_to_every_member_and_refused_at_use(bot):
    """A curator role needs no moderator permission to find /kb; the check at use keeps others out."""
    refused = await refused_commands(bot)
    curators = {name for name in refused if name.split()[0] == "kb"}
    assert curators == {"kb add", "kb edit", "kb retire", "kb history", "kb text add", "kb text remove", "kb gaps"}
    assert bot.tree.get_command("kb").default_permissions is None


def dm_interaction(bot, name: str):
    interaction = make_interaction(bot, guild_id=None, member=make_member())
    interaction.user = discord.Object(id=42)  # in a DM the user is no Member
    interaction.type = discord.InteractionType.application_command
    command = bot.tree.get_command(name.split()[0])
    for part in name.split()[1:]:
        command = command.get_command(part)
    interaction.command = command
    return interaction


@pytest.mark.parametrize("name", ["prompt list", "prompt suggest", "quiz stats", "prompt-admin queue"])
async def test_a_server_command_from_a_dm_gets_a_clear_answer(bot, name):
    interaction = dm_interaction(bot, name)
    assert await bot.tree.interaction_check(interaction) is False
    text = sent(interaction)["content"]
    assert f"/{name.split()[0]} works only in a server" in text and "/ask" in text
    assert sent(interaction)["ephemeral"] is True


@pytest.mark.parametrize("name", ["ask", "passage", "search", "source", "help"])
async def test_reading_commands_run_in_dms(bot, name):
    interaction = dm_interaction(bot, name)
    assert await bot.tree.interaction_check(interaction) is True
    assert not interaction.response.send_message.await_count
