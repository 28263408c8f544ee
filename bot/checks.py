"""Who may do moderator things: Manage Server, or the moderator role a server has set.

Red-DiscordBot's model: admins (Manage Server) decide who the moderators are; moderators never
widen their own circle, and @everyone is never a moderator role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

if TYPE_CHECKING:
    from .client import Citebot


class NotModerator(app_commands.CheckFailure):
    """Raised for members who are not moderators; its text is shown to them."""

    def __init__(self) -> None:
        super().__init__("Only moderators can do that (Manage Server, or the moderator role in /settings).")


async def is_moderator(interaction: discord.Interaction) -> bool:
    return await _has_circle_role(interaction, "moderator_role_id")


class NotModeratorOrCurator(app_commands.CheckFailure):
    """Raised where moderators and curators both may act, for members who are neither."""

    def __init__(self) -> None:
        super().__init__("Only moderators and curators can do that (Manage Server, or the moderator or curator "
                         "role in /settings).")


class NotCurator(app_commands.CheckFailure):
    """Raised for members who may not change the knowledge; its text is shown to them."""

    def __init__(self) -> None:
        super().__init__("Only curators can change the knowledge (Manage Server, or the curator role in /settings).")


async def is_curator(interaction: discord.Interaction) -> bool:
    """Manage Server, or the curator role: a circle of its own, chosen like the moderators' and apart from it."""
    return await _has_circle_role(interaction, "curator_role_id")


async def _has_circle_role(interaction: discord.Interaction, setting: str) -> bool:
    """Manage Server, or the server's role for this circle (moderators, curators) in /settings."""
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        return False
    if may_choose_moderators(member):
        return True
    bot: Citebot = interaction.client  # type: ignore[assignment]
    role_id = getattr(await bot.store.settings(interaction.guild.id), setting)
    if role_id is None or is_everyone(role_id, interaction.guild.id):
        return False  # @everyone stored before it was refused must not give every member the circle's power
    return any(r.id == role_id for r in member.roles)


def may_choose_moderators(member: discord.abc.User) -> bool:
    """Only Manage Server (Administrator implies it) decides who the moderators are."""
    return isinstance(member, discord.Member) and member.guild_permissions.manage_guild


def is_everyone(role_id: int, guild_id: int) -> bool:
    """A server's @everyone role has the server's own id."""
    return role_id == guild_id


def moderator_only():
    """An app-command check that refuses everyone but moderators."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if await is_moderator(interaction):
            return True
        raise NotModerator()

    return app_commands.check(predicate)


def moderator_or_curator():
    """For what both circles use: the curators' queue is what moderators watch and curators close."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if await is_moderator(interaction) or await is_curator(interaction):
            return True
        raise NotModeratorOrCurator()

    return app_commands.check(predicate)


def moderators_see() -> discord.Permissions:
    """`default_member_permissions` for moderator commands: shown to members with Manage Messages.

    Manage Messages is what a server's moderators nearly always have (and admins with it), so they
    find their commands without any set-up, while ordinary members never see them. It only hides:
    `moderator_only()` still decides at every use (Manage Server, or the moderator role), and a
    server can show or hide the commands per role under Server Settings -> Integrations.
    """
    return discord.Permissions(manage_messages=True)


def in_servers() -> app_commands.AppCommandContext:
    """`allowed_contexts` for commands that need a server: never offered in DMs or group DMs."""
    return app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False)
