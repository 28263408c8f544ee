"""Answers as Discord embeds. Every size comes from bot.render, so Discord never rejects one."""

from __future__ import annotations

from collections.abc import Mapping

import discord

from . import render
from .kb.models import Answer, KnowledgeBase, Passage, Prompt, Source

COLOURS = {"curated": discord.Colour.green(), "passage": discord.Colour.gold(), "none": discord.Colour.light_grey()}
MAX_CITATION_FIELDS = 5  # more quotes than this stop being readable in a chat
# When an embed is over Discord's total, the description gives way first, down to this much:
# the citations are the point of an answer and go last.
MIN_DESCRIPTION = 1000


def fit(embed: discord.Embed, *, total: int = render.EMBED_TOTAL_LIMIT) -> discord.Embed:
    """Trim an embed until it is within every Discord limit and `total` characters (fields first, then the text)."""
    if embed.title:
        embed.title = render.clip(embed.title, render.EMBED_TITLE_LIMIT)
    if embed.description:
        embed.description = render.clip(embed.description, render.EMBED_DESCRIPTION_LIMIT)
    if embed.footer and embed.footer.text:
        embed.set_footer(text=render.clip(embed.footer.text, render.EMBED_FOOTER_LIMIT))
    while len(embed.fields) > render.EMBED_FIELDS_MAX:
        embed.remove_field(-1)
    for i, field in enumerate(embed.fields):
        embed.set_field_at(i, name=render.clip(field.name or "\u200b", render.EMBED_FIELD_NAME_LIMIT),
                           value=render.clip(field.value or "\u200b", render.EMBED_FIELD_LIMIT),
                           inline=field.inline)
    over = len(embed) - total
    if over > 0 and embed.description and len(embed.description) > MIN_DESCRIPTION:
        embed.description = render.clip(embed.description, max(MIN_DESCRIPTION, len(embed.description) - over))
    while len(embed) > total and embed.fields:
        embed.remove_field(-1)
    over = len(embed) - total
    if over > 0 and embed.description:
        embed.description = render.clip(embed.description, max(1, len(embed.description) - over))
    return embed


def fit_together(embeds: list[discord.Embed]) -> list[discord.Embed]:
    """Embeds for one message: each fitted, and later ones trimmed so all stay within Discord's total."""
    room = render.EMBED_TOTAL_LIMIT
    fitted = []
    for embed in embeds[: render.EMBEDS_PER_MESSAGE]:
        fitted.append(fit(embed, total=room))
        room -= len(fitted[-1])
    return fitted


def in_messages(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Embeds packed into as few messages as Discord allows: 6,000 characters and 10 embeds each."""
    messages: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        fit(embed)
        if not messages or size + len(embed) > render.EMBED_TOTAL_LIMIT \
                or len(messages[-1]) >= render.EMBEDS_PER_MESSAGE:
            messages.append([])
            size = 0
        messages[-1].append(embed)
        size += len(embed)
    return messages


def answer_embed(answer: Answer, sources: Mapping[str, Source]) -> discord.Embed:
    """The answer, each cited passage as number plus quote, the text and a quiet confidence note."""
    embed = discord.Embed(title=answer.question or "Your question", description=render.lead(answer),
                          colour=COLOURS[answer.kind])
    citations = answer.citations[:MAX_CITATION_FIELDS]
    for cited in citations:
        pointer = render.passage_pointer(cited.passage, sources)
        quote = render.clip(cited.quote or cited.passage.text, render.QUOTE_LIMIT, more="")
        value = render.clip(f"\u201c{quote}\u201d", render.EMBED_FIELD_LIMIT - len(pointer)) + pointer
        embed.add_field(name=render.passage_label(cited.passage, sources), value=value, inline=False)
    if len(answer.citations) > len(citations):
        embed.add_field(name="More passages",
                        value=render.passage_names([c.passage for c in answer.citations[len(citations):]], sources),
                        inline=False)
    if answer.kind == "none" and answer.related:
        embed.add_field(name="Related passages",
                        value=render.passage_names(answer.related, sources) + " \u2014 read one with /passage",
                        inline=False)
    footer = []
    cited_sources = dict.fromkeys(c.passage.source for c in answer.citations)
    footer += [render.source_line(sources[s]) for s in cited_sources if s in sources]
    note = render.confidence_note(answer)
    if note:
        footer.append(f"{note} ({answer.confidence:.0%})" if answer.kind == "curated" else note)
    if footer:
        embed.set_footer(text=" \u00b7 ".join(footer))
    return fit(embed)


def passage_embed(passage: Passage, source: Source | None) -> discord.Embed:
    """A whole passage, cut cleanly if it is longer than an embed can hold."""
    title = ("About the text" if passage.number == 0 else f"Passage {passage.number}"
             + (f" of {len(source.passages)}" if source else ""))
    text = render.clip(passage.text, render.EMBED_DESCRIPTION_LIMIT,
                       more=" (the passage is longer than Discord shows; see citebot passage)")
    embed = discord.Embed(title=title, description=text, colour=discord.Colour.blurple())
    if source is not None:
        embed.set_footer(text=render.source_line(source))
    return fit(embed)


def message(text: str) -> str:
    """Plain text cut to Discord's message limit."""
    return render.clip(text, render.MESSAGE_LIMIT)


def prompt_embed(prompt: Prompt, kb: KnowledgeBase) -> discord.Embed:
    """A discussion prompt with the passages it builds on, quoted."""
    embed = discord.Embed(title="Discussion prompt", description=prompt.text, colour=discord.Colour.purple())
    for citation in prompt.citations[:MAX_CITATION_FIELDS]:
        passage = kb.passage(citation.source, citation.passage)
        if passage is None:
            continue
        pointer = render.passage_pointer(passage, kb.sources)
        quote = render.clip(citation.quote or passage.text, render.QUOTE_LIMIT)
        embed.add_field(name=render.passage_label(passage, kb.sources),
                        value=render.clip(f"\u201c{quote}\u201d", render.EMBED_FIELD_LIMIT - len(pointer)) + pointer,
                        inline=False)
    source = kb.sources.get(prompt.source)
    embed.set_footer(text=render.source_line(source) if source else f"prompt {prompt.id}")
    return fit(embed)
