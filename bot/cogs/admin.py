"""Moderator tools: reloading the knowledge, server settings, and the owner's command sync."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Literal

import discord
from discord import app_commands
from discord.ext import commands

from .. import embeds, render
from ..checks import (
    in_servers,
    is_everyone,
    may_choose_moderators,
    moderator_only,
    moderators_see,
)
from ..client import reply_once
from ..settings_plan import plan_settings

if TYPE_CHECKING:
    from ..client import Citebot

log = logging.getLogger(__name__)
SHOWN_PROBLEMS = 10


class Admin(commands.Cog):
    """Keeping the bot's knowledge and settings right for a server."""

    # Moderators' knowledge commands apart from the curators' /kb (curate.py), so Discord hides these
    # from members while /kb stays visible to a curator role that has no moderator permissions.
    kb = app_commands.Group(name="kb-admin", description="Reload the knowledge folder; sync commands (moderators).",
                            guild_only=True, allowed_contexts=in_servers(), default_permissions=moderators_see())

    def __init__(self, bot: Citebot) -> None:
        self.bot = bot

    @kb.command(name="reload", description="Reload the knowledge folder; on errors the old knowledge keeps serving.")
    @moderator_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        result = await asyncio.to_thread(self.bot.library.reload)
        if result.ok:
            warnings = len(result.problems)
            text = f"Reloaded: {result.entries} entries are now served" + (
                f" ({warnings} warning(s); run `citebot kb validate`)." if warnings else ".")
            log.info("knowledge reloaded by %s: %d entries", interaction.user.id, result.entries)
        else:
            errors = [p for p in result.problems if p.severity == "error"]
            lines = "\n".join(f"\u2022 {p}" for p in errors[:SHOWN_PROBLEMS])
            more = f"\n\u2026and {len(errors) - SHOWN_PROBLEMS} more" if len(errors) > SHOWN_PROBLEMS else ""
            text = (f"Reload failed; the previous knowledge ({result.entries} entries) keeps serving.\n"
                    f"{lines}{more}")
            log.warning("knowledge reload failed with %d error(s)", len(errors))
        await reply_once(interaction, embeds.message(text), ephemeral=True)

    @kb.command(name="sync", description="Sync the slash commands with Discord now (bot owner only).")
    async def sync(self, interaction: discord.Interaction) -> None:
        if not await self.bot.is_owner(interaction.user):
            await reply_once(interaction, "Only the bot's owner can sync commands.", ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True)
        outcome = await self.bot.sync_commands(force=True)
        await reply_once(interaction, f"Commands {outcome}.", ephemeral=True)

    @app_commands.command(name="settings", description="Moderator role, answer visibility and texts for this server.")
    @app_commands.describe(moderator_role="Members with this role count as moderators",
                           visibility="Whether answers are shown to the channel or only to the asker",
                           texts="Text ids this server uses, comma-separated, or 'all'",
                           timezone="Time zone for scheduled prompts, e.g. Europe/Stockholm",
                           channel_text="The text questions here (and in threads here) go to: an id, or 'any'",
                           curator_role="Members with this role may add and change entries and texts here")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_messages=True)  # as checks.moderators_see()
    @moderator_only()
    async def settings(self, interaction: discord.Interaction, moderator_role: discord.Role | None = None,
                       visibility: Literal["public", "private"] | None = None, texts: str | None = None,
                       timezone: str | None = None, channel_text: str | None = None,
                       curator_role: discord.Role | None = None) -> None:
        store = self.bot.store
        guild_id = interaction.guild_id
        assert guild_id is not None  # guild_only
        # Every option is checked before anything is stored: a change is applied whole or not at all.
        served = self.bot.library.kb_for(guild_id).sources  # with the texts this server brought in
        channel_id = interaction.channel_id
        here = [(channel_id, channel_text)] if channel_id is not None and channel_text is not None else []
        plan = plan_settings(guild_id, served, may_choose_roles=may_choose_moderators(interaction.user),
                             roles={"moderator": moderator_role.id if moderator_role else None,
                                    "curator": curator_role.id if curator_role else None},
                             texts=texts, timezone=timezone, visibility=visibility, channels=here)
        changes, bindings, refused = plan.changes, plan.bindings, plan.refused
        if refused:
            await reply_once(interaction, embeds.message("Nothing was changed.\n" + "\n".join(refused)),
                             ephemeral=True)
            return
        if changes or bindings:
            await store.apply_settings(guild_id, channels=bindings, **changes)  # type: ignore[arg-type]
        current = await store.settings(guild_id)
        role_id = current.moderator_role_id
        role = f"<@&{role_id}>" if role_id and not is_everyone(role_id, guild_id) else "none (Manage Server only)"
        curator_id = current.curator_role_id
        curators = (f"<@&{curator_id}>" if curator_id and not is_everyone(curator_id, guild_id)
                    else "none (Manage Server only)")
        lines = [
            f"Moderator role: {role}",
            f"Curator role: {curators}",
            f"Answers: {'only to the asker' if current.ephemeral else 'shown to the channel'}",
            f"Texts: {', '.join(current.sources) if current.sources else 'all'}",
            f"Time zone: {current.timezone}",
        ]
        if "curator_role_id" in changes:
            lines.append(f"Members with {curators} can now use /kb add, edit, retire, history, text and gaps; "
                         "no other permission or Integrations setting is needed, and other members are refused.")
        if channel_id is not None:
            bound = await store.channel_text(guild_id, channel_id)
            lines.append(f"This channel: {f'asks {bound}' if bound else 'asks every text'}")
        await reply_once(interaction, render.clip("\n".join(lines), render.MESSAGE_LIMIT), ephemeral=True)


async def setup(bot: Citebot) -> None:
    await bot.add_cog(Admin(bot))
