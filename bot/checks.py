"""Who may do moderator things: Manage Server, or the moderator role a server has set."""

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
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        return False
    if member.guild_permissions.manage_guild:
        return True
    bot: Citebot = interaction.client  # type: ignore[assignment]
    settings = await bot.store.settings(interaction.guild.id)
    return settings.moderator_role_id is not None and any(r.id == settings.moderator_role_id for r in member.roles)


def moderator_only():
    """An app-command check that refuses everyone but moderators."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if await is_moderator(interaction):
            return True
        raise NotModerator()

    return app_commands.check(predicate)
