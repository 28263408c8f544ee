"""Answers shaped for people: every size limit in one place, and the terminal's plain text.

Discord's limits live here so that nothing anywhere sends what Discord would reject; the
embed builders in `bot.embeds` use them, and so does the terminal when it imitates Discord.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .kb.models import Answer, Passage, Source, Suggestion
from .kb.models import passage_names as passage_names  # named as the engine names them
from .kb.text import STOPWORDS, fold, search_stems, stem, words

# Discord's documented limits (characters unless said otherwise).
MESSAGE_LIMIT = 2000
EMBED_TITLE_LIMIT = 256
EMBED_DESCRIPTION_LIMIT = 4096
EMBED_FIELD_NAME_LIMIT = 256
EMBED_FIELD_LIMIT = 1024
EMBED_FOOTER_LIMIT = 2048
EMBED_TOTAL_LIMIT = 6000
EMBED_FIELDS_MAX = 25
EMBEDS_PER_MESSAGE = 10
CUSTOM_ID_LIMIT = 100
BUTTON_LABEL_LIMIT = 80
AUTOCOMPLETE_CHOICES_MAX = 25
AUTOCOMPLETE_NAME_LIMIT = 100
COMMAND_DESCRIPTION_LIMIT = 100
MODAL_TITLE_LIMIT = 45
MODAL_LABEL_LIMIT = 45
LABEL_DESCRIPTION_LIMIT = 100
THREAD_NAME_LIMIT = 100
VIEW_COMPONENTS_MAX = 25
# Our own choice: a quote longer than this is cut, with a pointer to the whole passage.
QUOTE_LIMIT = 700

ELLIPSIS = "\u2026"


def clip(text: str, limit: int, *, more: str = "") -> str:
    """Cut text to at most `limit` characters at a word boundary, adding "…" and `more`."""
    if len(text) <= limit:
        return text
    room = limit - len(ELLIPSIS) - len(more)
    if room <= 0:
        return text[:limit]
    cut = text[:room]
    space = cut.rfind(" ")
    if space > room * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + ELLIPSIS + more


_WORD = re.compile(r"\w")
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*")


def around(text: str, looked_for: str, limit: int) -> str:
    """At most `limit` characters of a passage, one line, showing where it first uses a word looked
    for (in any form): from the start when that is near it, else from the sentence that uses it."""
    text = " ".join(text.split())
    wanted = search_stems(looked_for)
    first = next((m.start() for m in _TOKEN.finditer(text) if stem(fold(m.group())) in wanted), None)
    if first is None or first < limit // 2:
        return clip(text, limit)
    start = max(text.rfind(". ", 0, first) + 2, 0)
    if first - start > limit // 2:  # a long sentence: a few words before the one looked for
        start = text.rfind(" ", 0, first - limit // 4) + 1
    return ELLIPSIS + clip(text[start:], limit - len(ELLIPSIS))


def several(sources: Mapping[str, Source] | None) -> bool:
    """Whether labels must say which text: more than one is served."""
    return sources is not None and len(sources) > 1


def passage_label(passage: Passage, sources: Mapping[str, Source] | None = None) -> str:
    """"Passage 3" or "About the text"; with several texts, "Federalist No. 51 · passage 3"."""
    own = "About the text" if passage.number == 0 else f"Passage {passage.number}"
    if several(sources) and passage.source in sources:
        return f"{sources[passage.source].name} · {own[0].lower()}{own[1:]}"
    return own


def passage_pointer(passage: Passage, sources: Mapping[str, Source] | None = None) -> str:
    text = f" source:{passage.source}" if several(sources) else ""
    return f" (whole passage: /passage {passage.number}{text})"


def suggestion_text(suggestion: Suggestion, sources: Mapping[str, Source] | None = None) -> str:
    """A suggested question, naming its text when several are served."""
    if several(sources) and suggestion.source in sources:
        return f"{suggestion.question} ({sources[suggestion.source].name})"
    return suggestion.question


def source_line(source: Source | None) -> str:
    if source is None:
        return ""
    author = f" by {source.named_author}" if source.named_author else ""
    role = f", {source.role}" if source.role else ""
    return f"{source.title}{author}{role}"


# How sure an answer is, in words. Over the development sets a curated answer from 0.8 was right
# 96% of the time, from 0.65 91%, below 77%; a sentence of the text (whose scores run lower) from
# PASSAGE_FAIRLY_SURE 91%, below it 78% (benchmarks/README.md): the same words for the same odds.
SURE = 0.8
FAIRLY_SURE = 0.65
PASSAGE_FAIRLY_SURE = 0.5


def sureness(answer: Answer) -> str:
    """"sure", "fairly sure" or "not very sure"; empty for no answer."""
    if answer.kind == "curated":
        return "sure" if answer.confidence >= SURE else "fairly sure" if answer.confidence >= FAIRLY_SURE \
            else "not very sure"
    if answer.kind == "passage":
        return "fairly sure" if answer.confidence >= PASSAGE_FAIRLY_SURE else "not very sure"
    return ""


def confidence_note(answer: Answer) -> str:
    if answer.kind == "passage":
        return f"from the text itself, not a curated answer; {sureness(answer)}"
    return sureness(answer)


def lead(answer: Answer) -> str:
    """The answer's words as shown above its citations: sentences of the text, quoted in full by
    the answer and again as its citations, are shown once, as the citations."""
    text = answer.text
    if answer.kind != "passage" or not answer.citations or any(len(c.quote) > QUOTE_LIMIT for c in answer.citations):
        return text  # a quote the citation would cut short is read in full in the answer
    quoted = " ".join(f"\u201c{c.quote}\u201d" for c in answer.citations)
    if not text.endswith(quoted):
        return text
    said = text[: -len(quoted)].rstrip().removesuffix(":")
    # "(The Pump and the Proof, passage 4)": the citation's label says it; a name may hold
    # brackets of its own ("(The Great Fire of London, 1666 (dup-text), passage 4)").
    at = _opening_bracket(said) if said.endswith(")") else -1
    return (said[:at].rstrip() if at > 0 else said) + ":"


def _opening_bracket(text: str) -> int:
    """Where the bracket that the text's last character closes opens, or -1."""
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[at], 0)
        if depth == 0:
            return at
    return -1


def answer_text(answer: Answer, sources: Mapping[str, Source] | None = None, *, pickable: bool = False,
                describe_sources: bool = True) -> str:
    """The answer as a person reads it in a terminal; `pickable` numbers suggestions to choose from,
    and `describe_sources` describes each cited text in full below the quotes."""
    text = lead(answer)
    numbered = answer.kind == "none" and bool(answer.suggestions) and pickable
    if numbered and (at := text.find("Did you mean: ")) >= 0:
        text = text[:at].rstrip()  # the suggestions are listed below, numbered, instead of in the sentence
    lines = [text]
    for cited in answer.citations:
        quote = clip(cited.quote or cited.passage.text, QUOTE_LIMIT)
        lines.append("")
        label = "about the text" if cited.passage.number == 0 else str(cited.passage.number)
        if several(sources):
            label = passage_label(cited.passage, sources)
        lines.append(f"  [{label}] \u201c{quote}\u201d")
    cited_sources = dict.fromkeys(c.passage.source for c in answer.citations)
    for sid in cited_sources if describe_sources else ():
        source = (sources or {}).get(sid)
        if source is not None:
            lines.append("")
            lines.append(f"Source: {source_line(source)}")
    if answer.kind != "none" and answer.suggestions:
        lines.append("")
        lines.append("See also:")
        lines += [f"  {i}. {suggestion_text(s, sources)}" for i, s in enumerate(answer.suggestions, 1)]
    elif answer.suggestions and pickable:
        lines.append("")
        if numbered and "Did you mean: " in answer.text:
            lines.append("Did you mean:")
        lines += [f"  {i}. {suggestion_text(s, sources)}" for i, s in enumerate(answer.suggestions, 1)]
        lines.append("(type a number to pick one)")
    note = confidence_note(answer)
    if note and answer.kind == "passage" and "No curated answer covers this" in answer.text:
        lines.append("")  # its first line said whose words these are
        lines.append(f"({sureness(answer)}; confidence {answer.confidence:.2f})")
    elif note:
        lines.append("")
        lines.append(f"({note}; confidence {answer.confidence:.2f})")
    return "\n".join(lines)


def passage_text(passage: Passage, source: Source | None = None) -> str:
    head = "About the text" if passage.number == 0 else f"Passage {passage.number}"
    if source is not None:
        count = "" if passage.number == 0 else f" of {len(source.passages)}"
        head += f"{count} \u2014 {source_line(source)}"
        before = source.passage(passage.number - 1) if passage.number > 1 else None
        if passage.heading and (before is None or before.heading != passage.heading):
            # The heading it opens: an answer about "the Swedish heading" shows what it is about.
            head += f"\n\n# {passage.heading}"
    return f"{head}\n\n{passage.text}"


def search_miss(looked_for: str, where: str = "") -> str:
    """What a search that found nothing says: words too common to look for ("the", "what is it")
    are told so, not reported missing from every passage."""
    if not _WORD.search(looked_for):
        return f"\u201c{looked_for}\u201d has no words to look for. Search for a name or a word, e.g. Levada poll"
    if not any(w not in STOPWORDS for w in words(looked_for)):
        return (f"\u201c{looked_for}\u201d is too common to look for: every passage has such words. "
                "Search for a name or a less common word.")
    return f"No passage{where} uses \u201c{looked_for}\u201d."
