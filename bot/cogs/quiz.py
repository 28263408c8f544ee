"""Quizzes from the curated entries, with spaced repetition and a server leaderboard."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from .. import embeds, render
from ..checks import in_servers
from ..client import reply_once
from ..kb.models import Entry, KnowledgeBase
from ..kb.quiz import BOXES, accepted_answers, after, check, pick, quizzable
from ..store import now
from ..views import Form, Guarded, custom_id, persistent_view
from .ask import source_choices, texts_here

if TYPE_CHECKING:
    from ..client import Citebot

log = logging.getLogger(__name__)
QUIZ_TIMEOUT = 10 * 60
LEADERBOARD_SIZE = 10


class AnswerModal(Form):
    """Where the member types an answer, under the question."""

    def __init__(self, entry: Entry, member_id: int) -> None:
        super().__init__(title=render.clip("Quiz", render.MODAL_TITLE_LIMIT), timeout=QUIZ_TIMEOUT,
                         custom_id=custom_id("quiz-form", member_id, entry.id))
        self.entry = entry
        self.reply: discord.ui.TextInput = discord.ui.TextInput(max_length=200)
        self.add_item(discord.ui.Label(text="Your answer",
                                       description=render.clip(entry.questions[0], render.LABEL_DESCRIPTION_LIMIT),
                                       component=self.reply))

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.client.get_cog("Quiz").settle(  # type: ignore[attr-defined]
            interaction, self.entry, str(self.reply.value))


class QuizButton(Guarded, discord.ui.DynamicItem[discord.ui.Button],
                 template=r"citebot:quiz:(?P<action>answer|give-up):(?P<member>[0-9]+):(?P<entry>.+)"):
    """Answer or Give up under a quiz question; only the member being quizzed may press."""

    def __init__(self, action: str, member_id: int, entry_id: str, *, disabled: bool = False) -> None:
        answering = action == "answer"
        super().__init__(discord.ui.Button(
            label="Answer" if answering else "Give up", disabled=disabled,
            style=discord.ButtonStyle.primary if answering else discord.ButtonStyle.secondary,
            custom_id=custom_id("quiz", action, member_id, entry_id)))
        self.action, self.member_id, self.entry_id = action, member_id, entry_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match) -> QuizButton:
        return cls(match["action"], int(match["member"]), match["entry"])

    async def run(self, interaction: discord.Interaction) -> None:
        if interaction.user.id != self.member_id:
            await interaction.response.send_message("This quiz is someone else's \u2014 start your own with /quiz.",
                                                    ephemeral=True)
            return
        # The server's own knowledge: its entries can be asked, and an entry retired since is gone.
        entry = interaction.client.library.kb_for(interaction.guild_id).entry(self.entry_id)  # type: ignore[attr-defined]
        if entry is None:
            await interaction.response.send_message("That question is gone since the knowledge changed; "
                                                    "try /quiz start.", ephemeral=True)
            return
        if self.action == "answer":
            await interaction.response.send_modal(AnswerModal(entry, self.member_id))
        else:
            await interaction.client.get_cog("Quiz").settle(interaction, entry, None)  # type: ignore[attr-defined]


def quiz_view(entry: Entry, member_id: int, *, settled: bool = False) -> discord.ui.View:
    return persistent_view(*(QuizButton(action, member_id, entry.id, disabled=settled)
                             for action in ("answer", "give-up")))


class Quiz(commands.Cog):
    """Questions drawn from the knowledge base; missed ones come back sooner."""

    quiz = app_commands.Group(name="quiz", description="Test yourself on the text.", guild_only=True,
                              allowed_contexts=in_servers())

    def __init__(self, bot: Citebot) -> None:
        self.bot = bot
        self._settling: set[int] = set()  # question messages being settled: a double click counts once

    async def settle(self, interaction: discord.Interaction, entry: Entry, reply: str | None) -> None:
        """Check the answer (None: gave up), remember it, and reveal the cited answer on the question itself.

        The reveal replaces the question message, so it is exactly as private as the question
        was, and its greyed-out buttons say the question is done. Nothing changes on the
        message until the answer is stored: after a failure the buttons still work.
        """
        assert interaction.guild_id is not None and interaction.message is not None
        question = interaction.message
        if question.id in self._settling:
            await interaction.response.send_message("This question is already answered.", ephemeral=True)
            return
        self._settling.add(question.id)
        try:
            synonyms = self.bot.library.kb_for(interaction.guild_id).synonyms_for(entry.source)
            correct = reply is not None and check(reply, accepted_answers(entry), synonyms,
                                                   question=entry.questions[0], answer=entry.answer)
            store = self.bot.store
            records = await store.quiz_records(interaction.guild_id, interaction.user.id)
            record = after(records.get(entry.id), correct, now())
            await store.save_quiz(interaction.guild_id, interaction.user.id, entry.id, record)
        except BaseException:
            self._settling.discard(question.id)
            raise
        kb = self.bot.library.kb_for(interaction.guild_id)
        shown = [*question.embeds[:1], self.reveal(entry, reply, correct, record.box, kb)]
        await interaction.response.edit_message(embeds=embeds.fit_together(shown),
                                                view=quiz_view(entry, interaction.user.id, settled=True))

    def reveal(self, entry: Entry, reply: str | None, correct: bool, box: int, kb: KnowledgeBase) -> discord.Embed:
        if reply is None:
            title, colour = "The answer", discord.Colour.light_grey()
        elif correct:
            title, colour = "Right!", discord.Colour.green()
        else:
            title, colour = "Not quite", discord.Colour.red()
        text = entry.answer if reply is None else f"You said: {render.clip(reply, 200)}\n\n{entry.answer}"
        embed = discord.Embed(title=title, description=text, colour=colour)
        for citation in entry.citations[:3]:
            passage = kb.passage(citation.source, citation.passage)
            if passage is not None:
                quote = render.clip(f"\u201c{citation.quote}\u201d", 900)
                embed.add_field(name=render.passage_label(passage, kb.sources),
                                value=quote + render.passage_pointer(passage, kb.sources),
                                inline=False)
        embed.set_footer(text=f"{entry.questions[0]} \u00b7 box {box} of {BOXES}")
        return embeds.fit(embed)

    @quiz.command(name="start", description="A question from the knowledge base; answer it or give up.")
    @app_commands.describe(source="Only this text")
    async def start(self, interaction: discord.Interaction, source: str | None = None) -> None:
        assert interaction.guild_id is not None
        kb = self.bot.library.kb_for(interaction.guild_id)  # its own entries in, the ones it retired out
        settings = await self.bot.store.settings(interaction.guild_id)
        here = await texts_here(self.bot, interaction.guild_id, interaction.channel_id, interaction.channel)
        texts = {source} if source else set(here)
        entries = [e for e in kb.live_entries if e.source in texts and quizzable(e)]
        records = await self.bot.store.quiz_records(interaction.guild_id, interaction.user.id)
        last = max(records.items(), key=lambda kv: kv[1].last_seen)[0] if records else None
        entry = pick(entries, records, avoid=last)
        if entry is None:
            await reply_once(interaction, "There are no quiz questions for this text yet.", ephemeral=True)
            return
        view = quiz_view(entry, interaction.user.id)
        embed = discord.Embed(title="Quiz", description=entry.questions[0], colour=discord.Colour.blurple())
        source_of = kb.sources.get(entry.source)
        embed.set_footer(text=(render.source_line(source_of) + " \u00b7 " if source_of else "")
                         + "Answer, or give up to see it")
        await reply_once(interaction, embed=embeds.fit(embed), view=view, ephemeral=settings.ephemeral)

    @start.autocomplete("source")
    async def start_source_autocomplete(self, interaction: discord.Interaction, current: str):
        return source_choices(self.bot, current, interaction.guild_id)

    @quiz.command(name="stats", description="Your own quiz record in this server.")
    async def stats(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        records = await self.bot.store.quiz_records(interaction.guild_id, interaction.user.id)
        if not records:
            await reply_once(interaction, "No quiz answers yet \u2014 try /quiz start.", ephemeral=True)
            return
        right = sum(r.correct for r in records.values())
        wrong = sum(r.wrong for r in records.values())
        boxes = [sum(1 for r in records.values() if r.box == b) for b in range(1, BOXES + 1)]
        total = sum(1 for e in self.bot.library.kb_for(interaction.guild_id).live_entries if quizzable(e))
        lines = [f"Answers: {right} right, {wrong} wrong ({right / max(1, right + wrong):.0%})",
                 f"Questions seen: {len(records)} of {total}",
                 "Boxes (1 = still learning, 5 = known): "
                 + " \u00b7 ".join(f"{b + 1}: {n}" for b, n in enumerate(boxes))]
        await reply_once(interaction, "\n".join(lines), ephemeral=True)

    @quiz.command(name="leaderboard", description="This server's best quizzers.")
    async def leaderboard(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        rows = await self.bot.store.leaderboard(interaction.guild_id, LEADERBOARD_SIZE)
        if not rows:
            await reply_once(interaction, "Nobody has answered a quiz here yet.", ephemeral=True)
            return
        lines = [f"{place}. <@{user}> \u2014 {right} right, {wrong} wrong"
                 for place, (user, right, wrong) in enumerate(rows, 1)]
        embed = discord.Embed(title="Quiz leaderboard", description="\n".join(lines), colour=discord.Colour.gold())
        await reply_once(interaction, embed=embed)


async def setup(bot: Citebot) -> None:
    await bot.add_cog(Quiz(bot))
    bot.add_dynamic_items(QuizButton)
