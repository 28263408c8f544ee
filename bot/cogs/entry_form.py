"""The curators' entry form as data: an entry's fields, checked by `citebot kb validate`'s rules.

What the form shows for an entry, how its further citations are written a line each, and what
is wrong with a submitted form, field by field, against the knowledge a server is served.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import discord

from .. import embeds, render
from ..kb.errors import Problem
from ..kb.loader import FORM_FIELDS, check_entry, slug
from ..kb.models import Answer, CitedPassage, Entry

FIELD_NAMES = {"id": "Entry id", "questions": "Phrasings", "answer": "Answer", "cite": "Citation",
               "passage": "Passage", "quote": "Quote", "more": "Other citations"}
# Problems of the other citations are shown under their own field; the form's fields use lines 1 to 6.
MORE_LINE = 7
CITATION_FIELDS = ("cite", "passage", "quote")
# "12: the exact words", or "other-text 12: the exact words" for a passage of another text.
_CITATION_LINE = re.compile(r"(?:(?P<source>[a-z0-9][a-z0-9-]*)\s+)?(?:passage\s*)?(?P<passage>[0-9]+)\s*:\s*"
                            r"(?P<quote>.+)", re.IGNORECASE)


def form_fields(entry: Entry) -> dict[str, Any]:
    """An entry as the form shows it: its first citation in fields of their own, the others a line each.

    Tags, related entries and accepted answers ride along unchanged.
    """
    first, *more = entry.citations
    return {"id": entry.id, "questions": list(entry.questions), "answer": entry.answer, "source": first.source,
            "passage": str(first.passage), "quote": first.quote,
            "more": "\n".join(citation_line(c.source, c.passage, c.quote, first.source) for c in more),
            "tags": list(entry.tags), "related": list(entry.related), "accept": list(entry.accept)}


def citation_line(source: str, passage: object, quote: str, main: str) -> str:
    """One further citation as the form shows it: "N: quote", with the text's id when it is another text."""
    return f"{'' if source == main else source + ' '}{passage}: {quote}"


def more_text(fields: dict[str, Any]) -> str:
    """The further citations as typed (forms kept before they had their own field carry them as records)."""
    if "more" in fields:
        return str(fields["more"] or "")
    return "\n".join(citation_line(c.get("source") or fields["source"], c.get("passage"), c.get("quote") or "",
                                    fields["source"]) for c in fields.get("more_cite") or ())


def read_citations(text: str, main: str) -> list[tuple[int, dict[str, Any] | None, str]]:
    """Each non-empty line of the further citations: its number, the citation it makes (None: unreadable), the line."""
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _CITATION_LINE.match(line.strip())
        cite = None if match is None else {"source": match["source"] or main, "passage": int(match["passage"]),
                                           "quote": match["quote"].strip()}
        out.append((number, cite, line.strip()))
    return out


def fresh_id(interaction: discord.Interaction, question: str) -> str:
    kb = interaction.client.library.kb_for(interaction.guild_id)  # type: ignore[attr-defined]
    base = slug(question)
    made, n = base, 2
    while kb.entry(made) is not None:
        made, n = f"{base}-{n}", n + 1
    return made


def checked(fields: dict[str, Any], interaction: discord.Interaction) -> tuple[Entry | None, list[Problem]]:
    """The entry the fields make, by `citebot kb validate`'s rules, against this server's knowledge.

    Every citation is checked, the other citations too: each is read as the form's own citation
    would be, by the same rules, and its problems are listed under "Other citations" by line.
    """
    passage = fields.get("passage")
    values = dict(fields, passage=int(passage) if isinstance(passage, str) and passage.isdigit() else passage)
    kb = interaction.client.library.kb_for(interaction.guild_id)  # type: ignore[attr-defined]
    entry, problems = check_entry(values, kb, replacing=fields.get("editing"))
    more = []
    for number, cite, line in read_citations(more_text(fields), str(fields.get("source") or "")):
        if cite is None:
            problems.append(Problem("the form", MORE_LINE, f"line {number} (\u201c{render.clip(line, 60)}\u201d) "
                                    "is not a citation", "write it as `N: the exact words`, or `text-id N: ...` "
                                    "for a passage of another text"))
            continue
        made, found = check_entry({**values, **cite}, kb, replacing=fields.get("editing") or values.get("id"))
        citing = [p for p in found if FORM_FIELDS.get(p.line) in CITATION_FIELDS]
        problems += [Problem("the form", MORE_LINE, f"line {number}: {p.message}", p.fix, p.severity) for p in citing]
        if made is not None:
            more.extend(made.citations)
    if entry is None or any(p.severity == "error" for p in problems):
        return None, problems
    return replace(entry, citations=entry.citations + tuple(more)), problems


def problems_text(problems: list[Problem]) -> str:
    """Each problem under the field it is about, errors first."""
    by_field: dict[str, list[str]] = {}
    for problem in sorted(problems, key=lambda p: p.severity != "error"):
        field = FIELD_NAMES.get("more" if problem.line == MORE_LINE else FORM_FIELDS.get(problem.line, "cite"),
                                "Citation")
        mark = "\u2717" if problem.severity == "error" else "\u26a0"
        by_field.setdefault(field, []).append(f"{mark} {problem.message}" + (f" \u2014 {problem.fix}" if problem.fix
                                                                             else ""))
    return "\n".join(f"**{field}**\n" + "\n".join(lines) for field, lines in by_field.items())


def preview(entry: Entry, interaction: discord.Interaction) -> discord.Embed:
    """The answer as members will see it."""
    kb = interaction.client.library.kb_for(interaction.guild_id)  # type: ignore[attr-defined]
    cited = tuple(CitedPassage(p, c.quote) for c in entry.citations
                  if (p := kb.passage(c.source, c.passage)) is not None)
    return embeds.answer_embed(Answer(entry.questions[0], "curated", entry.answer, 1.0, entry, cited), kb.sources)
