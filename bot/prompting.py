"""Discussion prompts for a server: its list, the next one, vetting suggestions, export."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import yaml
from rapidfuzz import fuzz

from . import render
from .kb import lexicon
from .kb.draft_words import prefix
from .kb.models import CUSTOM_PREFIX, KnowledgeBase, Prompt
from .kb.text import Vocabulary, clean_question, words

SUGGESTION_MIN_CHARS = 15  # shorter than this is not yet a question for a group
SUGGESTION_MAX_CHARS = 500  # longer than this is an essay; a prompt should fit in a glance
PENDING_PER_MEMBER = 5  # a member's suggestions waiting at once; more is flooding the queue
# A suggestion whose terms agree this much (token_set_ratio) with a prompt repeats it.
DUPLICATE_RATIO = 90.0
# A prompt asks in words: this many different ones that English or the text uses, none longer than
# LONGEST_WORD letters ("lol lol lol lol", "xxxxxxxxxxxx", a 490-letter "aaaa..." are not prompts).
SUGGESTION_MIN_WORDS = 3
LONGEST_WORD = 30
# Whom a prompt would ping if it were posted with mentions allowed: it goes to the whole channel anyway.
_MENTION = re.compile(r"@(?:everyone|here)\b|<@[!&]?\d+>", re.I)
_LINK = re.compile(r"\bhttps?://|\bwww\.\w", re.I)
# An exported prompt quotes this many words of its passage at most: enough to find the passage
# again after an edit, short enough to read.
EXPORT_QUOTE_WORDS = 20


def server_prompts(kb: KnowledgeBase, custom: Sequence[Prompt], sources: Sequence[str] | None) -> list[Prompt]:
    """The server's own prompts, then the shipped ones for its texts, in a stable order: a prompt
    its moderators approved comes up next, not after every shipped one. One of its own that the
    knowledge now holds word for word (exported and copied in) is there once."""
    shipped = [p for p in kb.prompts if not p.draft and (sources is None or p.source in sources)]
    known = {" ".join(p.text.split()) for p in shipped}
    own = [p for p in custom if (sources is None or p.source in sources) and " ".join(p.text.split()) not in known]
    return own + shipped


def next_prompt(prompts: Sequence[Prompt], posted: Mapping[str, int]) -> Prompt | None:
    """The first prompt posted fewest times: no repeats until every prompt has had its turn."""
    if not prompts:
        return None
    fewest = min(posted.get(p.id, 0) for p in prompts)
    return next(p for p in prompts if posted.get(p.id, 0) == fewest)


def vet_suggestion(text: str, *, kb: KnowledgeBase, source: str, passage: int | None,
                   existing: Sequence[str], pending_by_member: int, waiting: Sequence[str] = (),
                   rejected: Sequence[str] = ()) -> str | None:
    """Why a suggested prompt is refused, or None if it may join the queue: `existing`, the
    server's prompts; `waiting`, the suggestions its moderators have yet to decide; `rejected`,
    those they turned down."""
    cleaned = clean_question(text)
    if len(cleaned) < SUGGESTION_MIN_CHARS:
        return f"That is too short for a discussion prompt; write at least {SUGGESTION_MIN_CHARS} characters."
    if len(cleaned) > SUGGESTION_MAX_CHARS:
        return f"That is too long ({len(cleaned)} characters); keep a prompt under {SUGGESTION_MAX_CHARS}."
    if sum(c.isalpha() for c in cleaned) < SUGGESTION_MIN_CHARS // 2:
        return "A prompt needs words, not just symbols or numbers."
    if _MENTION.search(text):
        return "Leave out the mentions (@everyone, @here, <@…>): a prompt goes to the whole channel anyway."
    if _LINK.search(text):
        return "Leave out the link: a prompt asks about the text, in words of its own."
    said = set(words(cleaned))
    if any(len(w) > LONGEST_WORD for w in said):
        return f"A prompt needs real words; one here is {max(len(w) for w in said)} letters long."
    real = {w for w in said if lexicon.zipf(w) > 0}
    if len(real) < SUGGESTION_MIN_WORDS and source in kb.sources:  # the text's own names count too
        real |= said & {w for p in kb.sources[source].passages for w in words(p.text)}
    if len(real) < SUGGESTION_MIN_WORDS:
        return f"A prompt needs a question in words: at least {SUGGESTION_MIN_WORDS} different ones."
    if source not in kb.sources:
        return f"There is no text called \u201c{source}\u201d."
    if passage is not None and kb.passage(source, passage) is None:
        return f"\u201c{kb.sources[source].title}\u201d has passages 1 to {len(kb.sources[source].passages)}."
    if pending_by_member >= PENDING_PER_MEMBER:
        return (f"You already have {pending_by_member} suggestions waiting; "
                "let the moderators get to them first.")
    vocab = Vocabulary.shared(kb.synonyms_for(source))
    mine = " ".join(vocab.terms(cleaned))
    for others, said in ((existing, "an existing prompt"), (waiting, "a suggestion already waiting"),
                         (rejected, "a suggestion the moderators turned down")):
        for other in others:
            if fuzz.token_set_ratio(mine, " ".join(vocab.terms(other)), processor=None) >= DUPLICATE_RATIO:
                return f"That is very like {said}: \u201c{render.clip(other, 120)}\u201d."
    return None


def not_waiting(number: int, found: object | None, where: str = "this server") -> str:
    """Why suggestion #number cannot be decided: `found` is the server's suggestion by that number
    (its `status` says what became of it), or None."""
    if found is None:
        return f"There is no suggestion #{number} in {where}."
    return f"Suggestion #{number} was already {getattr(found, 'status', 'decided')}."


def export_yaml(prompts: Sequence[Prompt], *, guild_id: int, kb: KnowledgeBase) -> str:
    """A server's own prompts as a prompts file in the knowledge format, each citation with its quote.

    The store keeps only passage numbers; the quote (the passage's opening words, verbatim, as
    the text reads now) is what lets `kb validate` and `kb fix-citations` check and renumber the
    citation after the text is edited, as they do for entries.
    """
    items = []
    unquoted = 0
    for number, prompt in enumerate(prompts, 1):
        # The number `prompts list` shows ("custom-3" is "server-111-3"), where the store gave one.
        number = prompt.id.removeprefix(CUSTOM_PREFIX) if prompt.id.startswith(CUSTOM_PREFIX) else number
        cite = []
        for citation in prompt.citations:
            passage = kb.passage(citation.source, citation.passage)
            quoted: dict[str, object] = {"source": citation.source, "passage": citation.passage}
            if passage is not None and citation.passage > 0:
                quoted["quote"] = prefix(passage.text, EXPORT_QUOTE_WORDS)
            else:
                unquoted += 1
            cite.append(quoted)
        item: dict[str, object] = {"id": f"server-{guild_id}-{number}", "text": prompt.text}
        if cite:
            item["cite"] = cite
        if not cite or any("quote" not in c for c in cite):
            item["draft"] = True  # no passage, or one the text no longer has: a curator picks one first
        items.append(item)
    sources = {p.source for p in prompts}
    document: dict[str, object] = {"source": next(iter(sources))} if len(sources) == 1 else {}
    document["prompts"] = items
    head = (f"# Prompts suggested and approved in server {guild_id}.\n"
            "# Each quote is the opening of its passage as the text reads now. Copy into knowledge/prompts/,\n"
            "# run `citebot kb validate`"
            + (f"; {unquoted} citation(s) name a passage the text does not have: fix them" if unquoted else "")
            + ".\n")
    return head + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
