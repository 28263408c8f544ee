"""The fake Discord refuses what Discord refuses: otherwise the scenarios would prove nothing."""

from __future__ import annotations

import discord
import pytest

from tests.fakediscord import limits
from tests.fakediscord.gateway import interaction as interaction_payload
from tests.fakediscord.server import Interaction


def _embed(**sizes: int) -> dict:
    embed = {"title": "t" * sizes.get("title", 1), "description": "d" * sizes.get("description", 1)}
    embed["fields"] = [{"name": "n", "value": "v" * sizes.get("value", 1)} for _ in range(sizes.get("fields", 0))]
    return embed


@pytest.mark.parametrize(("payload", "code"), [
    ({"content": "x" * 2001}, "BASE_TYPE_MAX_LENGTH"),
    ({"embeds": [_embed(title=257)]}, "BASE_TYPE_MAX_LENGTH"),
    ({"embeds": [_embed(description=4097)]}, "BASE_TYPE_MAX_LENGTH"),
    ({"embeds": [_embed(fields=26)]}, "BASE_TYPE_MAX_LENGTH"),
    ({"embeds": [_embed(value=1025, fields=1)]}, "BASE_TYPE_MAX_LENGTH"),
    ({"embeds": [_embed(description=4000), _embed(description=2001)]}, "MAX_EMBED_SIZE_EXCEEDED"),
    ({"embeds": [_embed()] * 11}, "BASE_TYPE_MAX_LENGTH"),
    ({"components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": str(i)}]}
                     for i in range(6)]}, "BASE_TYPE_MAX_LENGTH"),
    ({"components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": str(i)}
                                                for i in range(6)]}]}, "BASE_TYPE_BAD_LENGTH"),
    ({"components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": "c" * 101}]}]},
     "BASE_TYPE_MAX_LENGTH"),
    ({"components": [{"type": 1, "components": [{"type": 2, "style": 1, "label": "l" * 81, "custom_id": "c"}]}]},
     "BASE_TYPE_MAX_LENGTH"),
])
def test_message_limits(payload, code):
    assert code in {b.code for b in limits.check_message(payload)}


def test_a_message_at_every_limit_passes():
    embeds = [_embed(title=256, description=1719, value=1024, fields=1)] * 2  # 6,000 exactly
    assert limits.check_message({"content": "x" * 2000, "embeds": embeds}) == []


@pytest.mark.parametrize(("command", "code"), [
    ({"name": "Ask", "description": "d"}, "APPLICATION_COMMAND_INVALID_NAME"),
    ({"name": "a" * 33, "description": "d"}, "APPLICATION_COMMAND_INVALID_NAME"),
    ({"name": "ask", "description": "d" * 101}, "BASE_TYPE_BAD_LENGTH"),
    ({"name": "ask", "description": ""}, "BASE_TYPE_BAD_LENGTH"),
    ({"name": "ask", "description": "d", "options": [{"name": f"o{i}", "description": "d", "type": 3}
                                                     for i in range(26)]}, "BASE_TYPE_MAX_LENGTH"),
    ({"name": "ask", "description": "d", "options": [{"name": "a", "description": "d", "type": 3},
                                                     {"name": "b", "description": "d", "type": 3,
                                                      "required": True}]},
     "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID"),
    ({"name": "ask", "description": "d", "options": [{"name": f"o{i}", "description": "d" * 100, "type": 3,
                                                      "choices": [{"name": "n" * 100, "value": "v" * 100}] * 1}
                                                     for i in range(20)]}, "APPLICATION_COMMAND_TOO_LARGE"),
])
def test_command_rules(command, code):
    assert code in {b.code for b in limits.check_commands([command])}


def test_autocomplete_rules():
    choices = [{"name": "n" * 101, "value": "v"}] + [{"name": "n", "value": "v"}] * 25
    assert {b.code for b in limits.check_autocomplete({"choices": choices})} == {"BASE_TYPE_MAX_LENGTH",
                                                                                 "BASE_TYPE_BAD_LENGTH"}


async def test_an_oversized_message_gets_discords_400(discord_):
    channel = discord_.bot.get_channel(discord_.channel("general").id)
    with pytest.raises(discord.HTTPException) as refused:
        await channel.send("x" * 2001)
    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert "content" in refused.value.text
    embeds = [discord.Embed(description="d" * 4000), discord.Embed(description="d" * 2001)]
    with pytest.raises(discord.HTTPException) as refused:
        await channel.send(embeds=embeds)
    assert refused.value.code == 50035
    assert len(discord_.problems) == 2
    discord_.problems.clear()


async def test_missing_permission_and_unknown_channel(discord_):
    general = discord_.channel("general")
    discord_.deny(general, "send_messages")
    channel = discord_.bot.get_channel(general.id)
    assert not channel.permissions_for(channel.guild.me).send_messages  # the bot's cache agrees with Discord
    with pytest.raises(discord.Forbidden) as refused:
        await channel.send("hello")
    assert refused.value.code == 50013
    with pytest.raises(discord.NotFound) as unknown:
        await discord_.bot.http.send_message(123, params=discord.http.handle_message_parameters(content="x"))
    assert unknown.value.code == 10003
    assert discord_.problems == []


async def test_a_rate_limit_is_waited_out(discord_):
    discord_.server.rate_limit_next("POST", r"/channels/\d+/messages", retry_after=0.01)
    channel = discord_.bot.get_channel(discord_.channel("general").id)
    await channel.send("hello", allowed_mentions=discord.AllowedMentions.none())
    posts = [c.status for c in discord_.calls if c.method == "POST" and c.path.endswith("/messages")]
    assert posts == [429, 200]


def _interaction(discord_) -> tuple[Interaction, dict]:
    """An interaction the bot did not handle itself, to answer by hand."""
    server = discord_.server
    alice, general = discord_.member("alice"), discord_.channel("general")
    record = Interaction(server.snowflake(), f"tok-{server.snowflake()}", 2, alice.user, general,
                         server.clock.monotonic(), {"name": "help"})
    server.open_interaction(record)
    payload = interaction_payload(interaction_id=record.id, application_id=server.application_id,
                                  token=record.token, kind=2, data={"id": "1", "name": "help", "type": 1},
                                  user=alice.user, member=alice, channel=general)
    return record, payload


async def test_a_second_response_and_an_expired_token_are_refused(discord_):
    _, payload = _interaction(discord_)
    state = discord_.bot._connection
    first, second = discord.Interaction(data=payload, state=state), discord.Interaction(data=payload, state=state)
    await first.response.send_message("one", allowed_mentions=discord.AllowedMentions.none())
    with pytest.raises(discord.HTTPException) as twice:
        await second.response.send_message("two", allowed_mentions=discord.AllowedMentions.none())
    assert (twice.value.status, twice.value.code) == (400, 40060)
    await discord_.advance(15 * 60 + 1)
    with pytest.raises(discord.HTTPException) as expired:
        await first.edit_original_response(content="later")
    assert (expired.value.status, expired.value.code) == (401, 50027)
    assert len(discord_.problems) == 2
    discord_.problems.clear()


async def test_a_late_or_slow_answer_is_flagged(discord_):
    _, payload = _interaction(discord_)
    interaction = discord.Interaction(data=payload, state=discord_.bot._connection)
    channel = discord_.bot.get_channel(discord_.channel("study").id)
    for _ in range(3):
        await channel.send("busy", allowed_mentions=discord.AllowedMentions.none())
    await interaction.response.send_message("at last", allowed_mentions=discord.AllowedMentions.none())
    assert discord_.problems and "without deferring" in discord_.problems[0]
    discord_.problems.clear()
    _, payload = _interaction(discord_)
    await discord_.advance(4)
    with pytest.raises(discord.NotFound) as late:
        await discord.Interaction(data=payload, state=discord_.bot._connection).response.defer()
    assert late.value.code == 10062
    discord_.problems.clear()


async def test_a_message_that_could_ping_is_flagged(discord_):
    channel = discord_.bot.get_channel(discord_.channel("general").id)
    await channel.send("@everyone hi", allowed_mentions=discord.AllowedMentions(everyone=True))
    assert discord_.problems and "ping" in discord_.problems[0]
    discord_.problems.clear()


async def test_a_bad_command_set_is_refused_at_sync(discord_):
    @discord_.bot.tree.command(name="broken", description="d" * 101)
    async def broken(interaction: discord.Interaction) -> None:
        pass

    with pytest.raises(discord.HTTPException) as refused:
        await discord_.bot.tree.sync()
    assert refused.value.code == 50035
    discord_.problems.clear()


async def test_an_unanswered_interaction_is_noted(discord_):
    message = await discord_.bot.get_channel(discord_.channel("general").id).send(
        "x", view=discord.ui.View().add_item(discord.ui.Button(label="Nobody listens", custom_id="nobody")),
        allowed_mentions=discord.AllowedMentions.none())
    clicked = await discord_.click(discord_.server.messages[message.id], "Nobody listens")
    assert not clicked.answered
    assert discord_.problems == [f"'This interaction failed': nothing answered kind=3 {clicked.interaction.data}"]
    discord_.problems.clear()
