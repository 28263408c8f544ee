"""Asking: /ask, mentions, and the buttons under an answer."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import embeds, render
from ..kb.models import Answer
from ..views import retire

if TYPE_CHECKING:
    from ..client import Citebot

log = logging.getLogger(__name__)

ASK_RATE, ASK_PER = 6, 60.0  # six questions a minute per member: a study pace, not a flood
VIEW_TIMEOUT = 15 * 60  # buttons stay live for a quarter of an hour
_MENTION = re.compile(r"<@!?\d+>")


class AnswerView(discord.ui.View):
    """Show passage, 👍 / 👎, and "Did you mean" buttons under an answer."""

    def __init__(self, cog: Ask, answer: Answer, question_id: int, *, ephemeral: bool) -> None:
        super().__init__(timeout=VIEW_TIMEOUT)
        self.message: discord.Message | discord.InteractionMessage | None = None
        self.cog = cog
        self.answer = answer
        self.question_id = question_id
        self.ephemeral = ephemeral
        if not answer.citations:
            self.remove_item(self.show_passage)
        if answer.kind == "none":
            self.remove_item(self.thumbs_up)
            self.remove_item(self.thumbs_down)
        for suggestion in answer.suggestions[:3] if answer.kind == "none" else ():
            label = render.suggestion_text(suggestion, cog.bot.library.kb.sources)
            button = discord.ui.Button(label=render.clip(label, render.BUTTON_LABEL_LIMIT),
                                       style=discord.ButtonStyle.primary)
            button.callback = self._pick(suggestion.entry_id)
            self.add_item(button)

    async def on_timeout(self) -> None:
        await retire(self, self.message)

    @discord.ui.button(label="Show passage", style=discord.ButtonStyle.secondary, emoji="\U0001f4d6")
    async def show_passage(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        sources = self.cog.bot.library.kb.sources
        shown = [embeds.passage_embed(c.passage, sources.get(c.passage.source)) for c in self.answer.citations[:10]]
        await interaction.response.send_message(embeds=shown, ephemeral=True)

    @discord.ui.button(emoji="\U0001f44d", style=discord.ButtonStyle.secondary)
    async def thumbs_up(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._vote(interaction, 1)

    @discord.ui.button(emoji="\U0001f44e", style=discord.ButtonStyle.secondary)
    async def thumbs_down(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await self._vote(interaction, -1)

    async def _vote(self, interaction: discord.Interaction, vote: int) -> None:
        await self.cog.bot.store.record_feedback(self.question_id, interaction.user.id, vote)
        thanks = "Thanks! Glad it helped." if vote > 0 else "Thanks \u2014 a curator will look at this answer."
        await interaction.response.send_message(thanks, ephemeral=True)

    def _pick(self, entry_id: str):
        async def callback(interaction: discord.Interaction) -> None:
            answer = self.cog.bot.library.engine.answer_entry(entry_id)
            if answer is None:
                await interaction.response.send_message("That entry is gone since the knowledge was reloaded.",
                                                        ephemeral=True)
                return
            await self.cog.respond(interaction, answer, ephemeral=self.ephemeral)
        return callback


class Ask(commands.Cog):
    """Answers questions from the knowledge base, by slash command or by mention."""

    def __init__(self, bot: Citebot) -> None:
        self.bot = bot
        self._cooldowns: dict[tuple[int | None, int], app_commands.Cooldown] = {}

    def retry_after(self, guild_id: int | None, user_id: int) -> float | None:
        """Seconds to wait before this member may ask again, or None."""
        key = (guild_id, user_id)
        cooldown = self._cooldowns.setdefault(key, app_commands.Cooldown(ASK_RATE, ASK_PER))
        return cooldown.update_rate_limit()

    async def answer(self, question: str, *, guild_id: int | None, channel_id: int | None,
                     source: str | None = None, after: str | None = None,
                     parent_id: int | None = None) -> list[tuple[Answer, int]]:
        """Every question in the message, answered within this server's texts and logged.

        A channel bound to a text (or a thread or forum post in one) asks that text unless the
        member names another. `after` is the question a reply follows up ("why?" under an answer).
        """
        settings = await self.bot.store.settings(guild_id)
        bound = await self.bot.store.channel_text(guild_id, channel_id, parent_id)
        if bound not in self.bot.library.kb.sources:
            bound = None  # a text since removed from the knowledge: the server's texts answer
        chosen: str | tuple[str, ...] | None = source or bound or settings.sources
        engine = self.bot.library.engine
        before = engine.ask(after, source=chosen) if after else None
        answered = []
        for answer in engine.ask_all(question, source=chosen, after=before):
            question_id = await self.bot.store.log_question(
                guild_id=guild_id, channel_id=channel_id, question=answer.question, kind=answer.kind,
                entry_id=answer.entry.id if answer.entry else None, confidence=answer.confidence)
            answered.append((answer, question_id))
        return answered

    async def respond(self, interaction: discord.Interaction, answer: Answer, *, ephemeral: bool,
                      question_id: int | None = None) -> None:
        if question_id is None:
            question_id = await self.bot.store.log_question(
                guild_id=interaction.guild_id, channel_id=interaction.channel_id, question=answer.question,
                kind=answer.kind, entry_id=answer.entry.id if answer.entry else None, confidence=answer.confidence)
        embed = embeds.answer_embed(answer, self.bot.library.kb.sources)
        view = AnswerView(self, answer, question_id, ephemeral=ephemeral)
        if interaction.response.is_done():  # a second question of the same message, or a picked suggestion
            view.message = await interaction.followup.send(embed=embed, view=view, ephemeral=ephemeral, wait=True,
                                                           allowed_mentions=discord.AllowedMentions.none())
            return
        await interaction.response.send_message(embed=embed, view=view, ephemeral=ephemeral,
                                                allowed_mentions=discord.AllowedMentions.none())
        try:
            view.message = await interaction.original_response()
        except discord.HTTPException:
            log.debug("could not fetch the answer message; its buttons will not be greyed out")

    @app_commands.command(name="ask", description="Ask a question about the text; the answer cites its passages.")
    @app_commands.describe(question="Your question, in plain words",
                           source="Only this text (default: the texts this server uses)",
                           public="Show the answer to the channel (default: the server's setting)")
    async def ask(self, interaction: discord.Interaction,
                  question: app_commands.Range[str, 1, 1000],
                  source: str | None = None, public: bool | None = None) -> None:
        wait = self.retry_after(interaction.guild_id, interaction.user.id)
        if wait:
            raise app_commands.CommandOnCooldown(app_commands.Cooldown(ASK_RATE, ASK_PER), wait)
        settings = await self.bot.store.settings(interaction.guild_id)
        ephemeral = (not public) if public is not None else settings.ephemeral
        answered = await self.answer(question, guild_id=interaction.guild_id,
                                     channel_id=interaction.channel_id, source=source,
                                     parent_id=_parent(interaction.channel))
        for answer, question_id in answered:
            await self.respond(interaction, answer, ephemeral=ephemeral, question_id=question_id)

    @ask.autocomplete("question")
    async def ask_question_autocomplete(self, interaction: discord.Interaction,
                                        current: str) -> list[app_commands.Choice[str]]:
        engine = self.bot.library.engine
        if current.strip():
            questions = [q for _, _, q in engine.rank(current, limit=render.AUTOCOMPLETE_CHOICES_MAX)]
        else:
            questions = [e.questions[0] for e in engine.kb.live_entries[: render.AUTOCOMPLETE_CHOICES_MAX]]
        seen = dict.fromkeys(render.clip(q, render.AUTOCOMPLETE_NAME_LIMIT) for q in questions)
        return [app_commands.Choice(name=q, value=q) for q in list(seen)[: render.AUTOCOMPLETE_CHOICES_MAX]]

    @ask.autocomplete("source")
    async def ask_source_autocomplete(self, interaction: discord.Interaction,
                                      current: str) -> list[app_commands.Choice[str]]:
        return source_choices(self.bot, current)

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """"@Citebot where did Abe meet Putin?" is answered as a reply, like /ask."""
        if message.author.bot or self.bot.user is None or self.bot.user not in message.mentions:
            return
        question = _MENTION.sub(" ", message.content).strip()
        if not question:
            await message.reply("Ask me about the text, e.g. \u201c@Citebot where did Abe meet Putin?\u201d "
                                "or use /ask.", mention_author=False, allowed_mentions=discord.AllowedMentions.none())
            return
        wait = self.retry_after(message.guild.id if message.guild else None, message.author.id)
        if wait:
            await message.reply(f"Easy there \u2014 you can ask again in {wait:.0f} seconds.",
                                mention_author=False, allowed_mentions=discord.AllowedMentions.none())
            return
        try:
            answered = await self.answer(
                question, guild_id=message.guild.id if message.guild else None, channel_id=message.channel.id,
                after=await self._replied_question(message), parent_id=_parent(message.channel))
            for answer, question_id in answered:
                embed = embeds.answer_embed(answer, self.bot.library.kb.sources)
                view = AnswerView(self, answer, question_id, ephemeral=False)
                view.message = await message.reply(embed=embed, view=view, mention_author=False,
                                                   allowed_mentions=discord.AllowedMentions.none())
        except Exception:
            log.exception("answering a mention failed")
            await message.reply(embeds.message("Sorry \u2014 something went wrong while answering that."),
                                mention_author=False, allowed_mentions=discord.AllowedMentions.none())


    async def _replied_question(self, message: discord.Message) -> str | None:
        """The question of the bot's answer this message replies to, if it is one.

        Read from the answer's embed, so a follow-up works after a restart too.
        """
        reference = message.reference
        if reference is None or reference.message_id is None:
            return None
        replied = reference.resolved
        if replied is None:
            try:
                replied = await message.channel.fetch_message(reference.message_id)
            except discord.HTTPException:
                return None
        if not isinstance(replied, discord.Message) or replied.author != self.bot.user or not replied.embeds:
            return None
        return replied.embeds[0].title or None


def source_choices(bot: Citebot, current: str) -> list[app_commands.Choice[str]]:
    """The texts as autocomplete choices, filtered by what was typed."""
    typed = current.casefold()
    choices = [
        app_commands.Choice(name=render.clip(f"{s.title} ({s.author})", render.AUTOCOMPLETE_NAME_LIMIT), value=s.id)
        for s in bot.library.kb.sources.values()
        if typed in s.id.casefold() or typed in s.title.casefold() or typed in s.author.casefold()
    ]
    return choices[: render.AUTOCOMPLETE_CHOICES_MAX]


async def setup(bot: Citebot) -> None:
    await bot.add_cog(Ask(bot))


async def texts_here(bot: Citebot, guild_id: int | None, channel_id: int | None, channel: object) -> tuple[str, ...]:
    """The texts read in this channel: its bound text, else the server's texts (every text if it chose none)."""
    known = bot.library.kb.sources
    bound = await bot.store.channel_text(guild_id, channel_id, _parent(channel))
    if bound in known:
        return (bound,)
    settings = await bot.store.settings(guild_id)
    chosen = tuple(s for s in settings.sources or () if s in known)
    return chosen or tuple(known)


def which_text(bot: Citebot, texts: tuple[str, ...], example: str) -> str:
    """Asks a member to name one of several texts, showing how."""
    sources = bot.library.kb.sources
    listed = "\n".join(f"\u2022 `{t}`: {sources[t].title}" for t in texts)
    return f"Which text? Here {len(texts)} are read; add `source:`, e.g. `{example} source:{texts[0]}`.\n{listed}"


def _parent(channel: object) -> int | None:
    """The channel a thread (or forum post) is in, whose bound text it shares."""
    return channel.parent_id if isinstance(channel, discord.Thread) else None
