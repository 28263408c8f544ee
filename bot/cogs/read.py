"""Reading the text: /passage, /search, /source and /help."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import embeds, render
from ..client import reply_once
from .ask import source_choices, texts_here, which_text

if TYPE_CHECKING:
    from ..client import Citebot

HELP = """\
**Ask** \u2014 `/ask` a question in plain words, or mention me: "@Citebot where did Abe meet Putin?"
Every answer cites the passages it rests on; **Show passage** reads the whole one.
**Unsure?** I offer "Did you mean" buttons. **No answer?** I say so and point to related passages.
**Read** \u2014 `/passage 3`, `/search Levada poll`, `/source` for the texts.
**Feedback** \u2014 \U0001f44d / \U0001f44e under an answer helps the curators.
**Discuss** \u2014 `/prompt list`, `/prompt suggest`.
Curators: `/kb`. Moderators: `/prompt-admin`, `/kb-admin reload`, `/settings`."""


class Read(commands.Cog):
    """Looking things up in the texts themselves."""

    def __init__(self, bot: Citebot) -> None:
        self.bot = bot

    async def _here(self, interaction: discord.Interaction) -> tuple[str, ...]:
        return await texts_here(self.bot, interaction.guild_id, interaction.channel_id, interaction.channel)

    @app_commands.command(name="passage", description="Read one passage of the text.")
    @app_commands.describe(number="Passage number, from 1; 0 is the text's details (title, author, date)",
                           source="Which text (default: this channel's or this server's text)")
    async def passage(self, interaction: discord.Interaction, number: app_commands.Range[int, 0, 10_000],
                      source: str | None = None) -> None:
        if source is None:
            here = await self._here(interaction)
            if len(here) > 1:
                await reply_once(interaction, embeds.message(which_text(self.bot, here, f"/passage {number}")),
                                 ephemeral=True)
                return
            source = here[0]
        src = self.bot.library.kb_for(interaction.guild_id).sources.get(source)
        if src is None:
            await reply_once(interaction, f"There is no text called \u201c{source}\u201d; see /source.", ephemeral=True)
            return
        found = src.passage(number)
        if found is None:
            await reply_once(interaction, f"\u201c{src.title}\u201d has passages 1 to {len(src.passages)} "
                             "(and 0, its details).", ephemeral=True)
            return
        await reply_once(interaction, embed=embeds.passage_embed(found, src))

    @passage.autocomplete("source")
    async def passage_source_autocomplete(self, interaction: discord.Interaction, current: str):
        return source_choices(self.bot, current, interaction.guild_id)

    @app_commands.command(name="search", description="Find the passages that use these words.")
    @app_commands.describe(words="Words to look for", source="Only this text (default: the texts read here)")
    async def search(self, interaction: discord.Interaction, words: app_commands.Range[str, 1, 200],
                     source: str | None = None) -> None:
        if source is not None and source not in self.bot.library.kb_for(interaction.guild_id).sources:
            await reply_once(interaction, f"There is no text called \u201c{source}\u201d; see /source.", ephemeral=True)
            return
        scope = (source,) if source is not None else await self._here(interaction)
        hits = self.bot.library.engine_for(interaction.guild_id).search(words, source=scope)
        if not hits:
            sources = self.bot.library.kb_for(interaction.guild_id).sources
            titles = ", ".join(f"\u201c{sources[s].title}\u201d" for s in scope)
            await reply_once(interaction, embeds.message(render.search_miss(words, f" of {titles}")), ephemeral=True)
            return
        embed = discord.Embed(title=f"Passages for \u201c{words}\u201d", colour=discord.Colour.blurple())
        for _, found in hits:
            sources = self.bot.library.kb_for(interaction.guild_id).sources
            embed.add_field(name=render.passage_label(found, sources),
                            value=render.around(found.text, words, 300) + render.passage_pointer(found, sources),
                            inline=False)
        await reply_once(interaction, embed=embeds.fit(embed), ephemeral=True)

    @search.autocomplete("source")
    async def search_source_autocomplete(self, interaction: discord.Interaction, current: str):
        return source_choices(self.bot, current, interaction.guild_id)

    @app_commands.command(name="source", description="The texts this bot knows: title, author, passages, entries.")
    async def source(self, interaction: discord.Interaction) -> None:
        kb = self.bot.library.kb_for(interaction.guild_id)
        embed = discord.Embed(title="The texts", colour=discord.Colour.blurple())
        for src in kb.sources.values():
            entries = sum(1 for e in kb.live_entries if e.source == src.id)
            details = [f"by {src.author}" + (f", {src.role.lower()}" if src.role else "")]
            if src.date:
                details.append(src.date)
            details.append(f"{len(src.passages)} passages, {entries} curated answers")
            embed.add_field(name=src.title, value=" \u00b7 ".join(details) + f"\nid: `{src.id}`", inline=False)
        await reply_once(interaction, embed=embeds.fit(embed), ephemeral=True)

    @app_commands.command(name="help", description="How to use Citebot, in a few lines.")
    async def help(self, interaction: discord.Interaction) -> None:
        embed = discord.Embed(title="Citebot", description=HELP, colour=discord.Colour.blurple())
        await reply_once(interaction, embed=embed, ephemeral=True)


async def setup(bot: Citebot) -> None:
    await bot.add_cog(Read(bot))
