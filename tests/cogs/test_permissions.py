"""Who may change what: admins choose the moderators; moderators never widen their own circle."""

from __future__ import annotations

from unittest.mock import MagicMock

import discord
import pytest

from bot.checks import NotModerator, is_moderator
from tests.discord_helpers import make_interaction, make_member, sent

GUILD = 1
MOD_ROLE = 555


def role(role_id: int) -> MagicMock:
    made = MagicMock(spec=discord.Role)
    made.id = role_id
    return made


async def run_checks(command, interaction) -> bool:
    return all([await check(interaction) for check in command.checks])


async def change_settings(bot, member, **options) -> str:
    admin = bot.get_cog("Admin")
    interaction = make_interaction(bot, guild_id=GUILD, member=member)
    await run_checks(admin.settings, interaction)
    await admin.settings.callback(admin, interaction, **options)
    return sent(interaction)["content"]


@pytest.mark.parametrize("new_role", [GUILD, 999], ids=["@everyone", "another role"])
async def test_a_moderator_by_role_cannot_choose_the_moderator_role(bot, new_role):
    await bot.store.update_settings(GUILD, moderator_role_id=MOD_ROLE)
    moderator = make_member(role_ids=(MOD_ROLE,))
    text = await change_settings(bot, moderator, moderator_role=role(new_role))
    assert "Only members with Manage Server can choose the moderator role" in text
    assert (await bot.store.settings(GUILD)).moderator_role_id == MOD_ROLE
    # And so a member with no role at all is still no moderator.
    with pytest.raises(NotModerator):
        await run_checks(bot.get_cog("Admin").reload, make_interaction(bot, guild_id=GUILD, member=make_member()))


async def test_a_moderator_by_role_may_still_change_the_other_settings(bot):
    await bot.store.update_settings(GUILD, moderator_role_id=MOD_ROLE)
    text = await change_settings(bot, make_member(role_ids=(MOD_ROLE,)), visibility="private")
    assert "only to the asker" in text
    assert (await bot.store.settings(GUILD)).ephemeral is True


async def test_everyone_is_never_a_moderator_role(bot):
    text = await change_settings(bot, make_member(manage_guild=True), moderator_role=role(GUILD))
    assert "@everyone can't be the moderator role" in text
    assert (await bot.store.settings(GUILD)).moderator_role_id is None


async def test_a_manage_server_member_chooses_the_moderator_role(bot):
    text = await change_settings(bot, make_member(manage_guild=True), moderator_role=role(777))
    assert "<@&777>" in text
    assert (await bot.store.settings(GUILD)).moderator_role_id == 777


async def test_everyone_stored_before_the_fix_makes_nobody_a_moderator(bot):
    await bot.store.update_settings(GUILD, moderator_role_id=GUILD)
    member = make_member(role_ids=(GUILD,))  # every member holds @everyone
    assert not await is_moderator(make_interaction(bot, guild_id=GUILD, member=member))
    for command in (bot.get_cog("Admin").reload, bot.get_cog("Prompts").schedule):
        with pytest.raises(NotModerator):
            await run_checks(command, make_interaction(bot, guild_id=GUILD, member=member))
    text = await change_settings(bot, make_member(manage_guild=True))
    assert "Moderator role: none" in text


@pytest.mark.parametrize("bad", [{"timezone": "Mars/Olympus"}, {"texts": "nope"}, {"channel_text": "nope"},
                                 {"moderator_role": "everyone"}])
async def test_one_invalid_option_changes_nothing(bot, bad):
    options = {"visibility": "private", "texts": "kaczmarski-2018", "timezone": "Europe/Stockholm",
               "channel_text": "kaczmarski-2018", "moderator_role": role(777)}
    options.update(bad)
    if options["moderator_role"] == "everyone":
        options["moderator_role"] = role(GUILD)
    text = await change_settings(bot, make_member(manage_guild=True), **options)
    assert text.startswith("Nothing was changed.")
    settings = await bot.store.settings(GUILD)
    assert (settings.ephemeral, settings.sources, settings.timezone, settings.moderator_role_id) == (
        False, None, "UTC", None)
    assert await bot.store.channel_text(GUILD, 7) is None


async def test_every_valid_option_is_applied_together(bot):
    text = await change_settings(bot, make_member(manage_guild=True), visibility="private", texts="kaczmarski-2018",
                                 timezone="Europe/Stockholm", channel_text="kaczmarski-2018", moderator_role=role(777))
    assert "Europe/Stockholm" in text and "asks kaczmarski-2018" in text
    settings = await bot.store.settings(GUILD)
    assert (settings.ephemeral, settings.sources, settings.timezone, settings.moderator_role_id) == (
        True, ("kaczmarski-2018",), "Europe/Stockholm", 777)
    assert await bot.store.channel_text(GUILD, 7) == "kaczmarski-2018"


async def test_a_member_refused_the_curators_queue_is_told_curators_may_use_it_too(bot):
    from bot.checks import NotModeratorOrCurator

    gaps = bot.tree.get_command("kb").get_command("gaps")
    with pytest.raises(NotModeratorOrCurator, match="moderators and curators"):
        await run_checks(gaps, make_interaction(bot, guild_id=GUILD, member=make_member()))
    await bot.store.update_settings(GUILD, curator_role_id=777)
    assert await run_checks(gaps, make_interaction(bot, guild_id=GUILD, member=make_member(role_ids=(777,))))
