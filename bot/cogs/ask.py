"""Asking: /ask, mentions, and the buttons under an answer."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import embeds, render
from ..client import reply_once
from ..kb.models import Answer
from ..views import Guarded, custom_id, persistent_view

if TYPE_CHECKING:
    from ..client import Citebot

log = logging.getLogger(__name__)

# An answer not ready this soon is deferred: Discord allows 3 seconds for the first response.
DEFER_AFTER = 1.5
ASK_RATE, ASK_PER = 6, 60.0  # six questions a minute per member: a study pace, not a flood
_MENTION = re.compile(r"<@!?\d+>")


MAX_SHOWN_PASSAGES = 10  # "Show passage" reads at most this many cited passages


def _refs(answer: Answer) -> list[tuple[str, int]]:
    return list(dict.fromkeys((c.passage.source, c.passage.number) for c in answer.citations))[:MAX_SHOWN_PASSAGES]


def encode_refs(refs: list[tuple[str, int]], room: int) -> str:
    """"text=3,5;other=2": the cited passages, as many as fit in `room` characters (at least one)."""
    while True:
        by_source: dict[str, list[int]] = {}
        for source, number in refs:
            by_source.setdefault(source, []).append(number)
        text = ";".join(f"{source}={','.join(map(str, numbers))}" for source, numbers in by_source.items())
        if len(text) <= room or len(refs) == 1:
            return text
        refs = refs[:-1]


def decode_refs(text: str) -> list[tuple[str, int]]:
    refs = []
    for group in text.split(";"):
        source, _, numbers = group.partition("=")
        refs += [(source, int(n)) for n in numbers.split(",") if n.isdigit()]
    return refs


class PassageButton(Guarded, discord.ui.DynamicItem[discord.ui.Button], template=r"citebot:passage:(?P<refs>.+)"):
    """Show passage: the whole cited passages, to the clicker only."""

    PREFIX = "citebot:passage:"

    def __init__(self, refs: str) -> None:
        super().__init__(discord.ui.Button(label="Show passage", style=discord.ButtonStyle.secondary,
                                           emoji="\U0001f4d6", custom_id=custom_id("passage", refs)))
        self.refs = decode_refs(refs)

    @classmethod
    def for_answer(cls, answer: Answer) -> PassageButton:
        return cls(encode_refs(_refs(answer), render.CUSTOM_ID_LIMIT - len(cls.PREFIX)))

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> PassageButton:
        return cls(match["refs"])

    async def run(self, interaction: discord.Interaction) -> None:
        kb = interaction.client.library.kb_for(interaction.guild_id)  # type: ignore[attr-defined]
        passages = [p for p in (kb.passage(source, number) for source, number in self.refs) if p is not None]
        if not passages:
            await interaction.response.send_message("Those passages are gone since the knowledge was reloaded.",
                                                    ephemeral=True)
            return
        shown = [embeds.passage_embed(p, kb.sources.get(p.source)) for p in passages]
        first, *rest = embeds.in_messages(shown)
        await interaction.response.send_message(embeds=first, ephemeral=True)
        for more in rest:
            await interaction.followup.send(embeds=more, ephemeral=True)


class VoteButton(Guarded, discord.ui.DynamicItem[discord.ui.Button],
                 template=r"citebot:vote:(?P<question>[0-9]+):(?P<vote>up|down)"):
    """👍 / 👎 under an answer: feedback for the curators."""

    def __init__(self, question_id: int, vote: str) -> None:
        emoji = "\U0001f44d" if vote == "up" else "\U0001f44e"
        super().__init__(discord.ui.Button(emoji=emoji, style=discord.ButtonStyle.secondary,
                                           custom_id=custom_id("vote", question_id, vote)))
        self.question_id, self.vote = question_id, vote

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> VoteButton:
        return cls(int(match["question"]), match["vote"])

    async def run(self, interaction: discord.Interaction) -> None:
        up = self.vote == "up"
        counted = await interaction.client.store.record_feedback(  # type: ignore[attr-defined]
            self.question_id, interaction.user.id, 1 if up else -1, guild_id=interaction.guild_id)
        if not counted:  # not this server's answer, or a database restored from before it was given
            await interaction.response.send_message("I can't find that answer in this server's log, so the "
                                                    "vote was not counted.", ephemeral=True)
            return
        thanks = "Thanks! Glad it helped." if up else "Thanks \u2014 a curator will look at this answer."
        await interaction.response.send_message(thanks, ephemeral=True)


class PickButton(Guarded, discord.ui.DynamicItem[discord.ui.Button],
                 template=r"citebot:pick:(?P<private>[01]):(?P<entry>.+)"):
    """A "Did you mean" suggestion: answers that entry, as privately as the answer it sits under."""

    def __init__(self, entry_id: str, private: bool, label: str) -> None:
        super().__init__(discord.ui.Button(label=render.clip(label, render.BUTTON_LABEL_LIMIT),
                                           style=discord.ButtonStyle.primary,
                                           custom_id=custom_id("pick", int(private), entry_id)))
        self.entry_id, self.private = entry_id, private

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> PickButton:
        return cls(match["entry"], match["private"] == "1", item.label or "?")

    async def run(self, interaction: discord.Interaction) -> None:
        bot = interaction.client
        answer = bot.library.engine_for(interaction.guild_id).answer_entry(self.entry_id)  # type: ignore[attr-defined]
        if answer is None:
            await interaction.response.send_message("That entry is gone since the knowledge was reloaded.",
                                                    ephemeral=True)
            return
        await bot.get_cog("Ask").respond(interaction, answer, ephemeral=self.private)  # type: ignore[attr-defined]


def answer_view(answer: Answer, question_id: int, *, ephemeral: bool, sources) -> discord.ui.View:
    """Show passage, 👍 / 👎, and "Did you mean" buttons under an answer."""
    items: list[discord.ui.Item] = []
    if answer.citations:
        items.append(PassageButton.for_answer(answer))
    if answer.kind != "none":
        items += [VoteButton(question_id, "up"), VoteButton(question_id, "down")]
    for suggestion in answer.suggestions[:3] if answer.kind == "none" else ():
        items.append(PickButton(suggestion.entry_id, ephemeral, render.suggestion_text(suggestion, sources)))
    return persistent_view(*items)


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
        engine = self.bot.library.engine_for(guild_id)
        if bound not in engine.kb.sources:
            bound = None  # a text since removed from the knowledge: the server's texts answer
        chosen: str | tuple[str, ...] | None = source or bound or with_own_texts(self.bot, guild_id, settings.sources)

        def read() -> tuple[Answer, ...]:
            with self.bot.library.reading(guild_id):
                before = engine.ask(after, source=chosen) if after else None
                return engine.ask_all(question, source=chosen, after=before)

        # In a worker thread: an unsure question has MiniLM read for a few milliseconds (encoder.py).
        answers = await asyncio.to_thread(read)
        answered = []
        for answer in answers:
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
        sources = self.bot.library.kb_for(interaction.guild_id).sources
        embed = embeds.answer_embed(answer, sources)
        view = answer_view(answer, question_id, ephemeral=ephemeral, sources=sources)
        await reply_once(interaction, embed=embed, view=view, ephemeral=ephemeral)

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
        work = asyncio.ensure_future(self.answer(question, guild_id=interaction.guild_id,
                                                 channel_id=interaction.channel_id, source=source,
                                                 parent_id=_parent(interaction.channel)))
        try:
            answered = await asyncio.wait_for(asyncio.shield(work), DEFER_AFTER)
        except TimeoutError:
            # Discord forgets an interaction not answered within 3 seconds: a slow answer (a busy
            # machine, MiniLM's first read) is promised now ("Citebot is thinking...") and follows.
            await interaction.response.defer(ephemeral=ephemeral, thinking=True)
            answered = await work
        for answer, question_id in answered:
            await self.respond(interaction, answer, ephemeral=ephemeral, question_id=question_id)

    @ask.autocomplete("question")
    async def ask_question_autocomplete(self, interaction: discord.Interaction,
                                        current: str) -> list[app_commands.Choice[str]]:
        engine = self.bot.library.engine_for(interaction.guild_id)
        if current.strip():
            questions = [q for _, _, q in engine.rank(current, limit=render.AUTOCOMPLETE_CHOICES_MAX)]
        else:
            # Nothing typed yet: this server's own entries first, or the shared ones would always crowd them out.
            own = self.bot.library.guilds.get(interaction.guild_id or 0)
            first = [e for e in own.own_entries if not e.draft] if own else []
            entries = (*first, *engine.kb.live_entries)[: 2 * render.AUTOCOMPLETE_CHOICES_MAX]  # room for repeats
            questions = [e.questions[0] for e in entries]
        seen = dict.fromkeys(render.clip(q, render.AUTOCOMPLETE_NAME_LIMIT) for q in questions)
        return [app_commands.Choice(name=q, value=q) for q in list(seen)[: render.AUTOCOMPLETE_CHOICES_MAX]]

    @ask.autocomplete("source")
    async def ask_source_autocomplete(self, interaction: discord.Interaction,
                                      current: str) -> list[app_commands.Choice[str]]:
        return source_choices(self.bot, current, interaction.guild_id)

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
                sources = self.bot.library.kb_for(message.guild.id if message.guild else None).sources
                embed = embeds.answer_embed(answer, sources)
                view = answer_view(answer, question_id, ephemeral=False, sources=sources)
                await message.reply(embed=embed, view=view, mention_author=False,
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


def source_choices(bot: Citebot, current: str, guild_id: int | None = None) -> list[app_commands.Choice[str]]:
    """The texts as autocomplete choices, filtered by what was typed."""
    typed = current.casefold()
    choices = [
        app_commands.Choice(name=render.clip(f"{s.title} ({s.author})", render.AUTOCOMPLETE_NAME_LIMIT), value=s.id)
        for s in bot.library.kb_for(guild_id).sources.values()
        if typed in s.id.casefold() or typed in s.title.casefold() or typed in s.author.casefold()
    ]
    return choices[: render.AUTOCOMPLETE_CHOICES_MAX]


async def setup(bot: Citebot) -> None:
    await bot.add_cog(Ask(bot))
    bot.add_dynamic_items(PassageButton, VoteButton, PickButton)


async def texts_here(bot: Citebot, guild_id: int | None, channel_id: int | None, channel: object) -> tuple[str, ...]:
    """The texts read in this channel: its bound text, else the server's texts (every text if it chose none)."""
    known = bot.library.kb_for(guild_id).sources
    bound = await bot.store.channel_text(guild_id, channel_id, _parent(channel))
    if bound in known:
        return (bound,)
    settings = await bot.store.settings(guild_id)
    chosen = tuple(s for s in with_own_texts(bot, guild_id, settings.sources) or () if s in known)
    return chosen or tuple(known)


def with_own_texts(bot: Citebot, guild_id: int | None, chosen: tuple[str, ...] | None) -> tuple[str, ...] | None:
    """The texts a server chose, and always the texts it brought in itself."""
    own = bot.library.guilds.get(guild_id) if guild_id is not None else None
    if chosen is None or own is None:
        return chosen
    return chosen + tuple(t for t in own.texts if t not in chosen)


def which_text(bot: Citebot, texts: tuple[str, ...], example: str) -> str:
    """Asks a member to name one of several texts, showing how."""
    sources = dict(bot.library.kb.sources)
    for own in bot.library.guilds.values():  # `texts` are one server's: its own texts are among them
        sources.update((t, s) for t, s in own.texts.items() if t in texts)
    listed = "\n".join(f"\u2022 `{t}`: {sources[t].title if t in sources else t}" for t in texts)
    return f"Which text? Here {len(texts)} are read; add `source:`, e.g. `{example} source:{texts[0]}`.\n{listed}"


def _parent(channel: object) -> int | None:
    """The channel a thread (or forum post) is in, whose bound text it shares."""
    return channel.parent_id if isinstance(channel, discord.Thread) else None
