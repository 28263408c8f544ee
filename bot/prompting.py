"""Discussion prompts for a server: its list, the next one, vetting suggestions, export."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import yaml
from rapidfuzz import fuzz

from .kb.models import KnowledgeBase, Prompt
from .kb.text import Vocabulary, clean_question

SUGGESTION_MIN_CHARS = 15  # shorter than this is not yet a question for a group
SUGGESTION_MAX_CHARS = 500  # longer than this is an essay; a prompt should fit in a glance
PENDING_PER_MEMBER = 5  # a member's suggestions waiting at once; more is flooding the queue
# A suggestion whose terms agree this much (token_set_ratio) with a prompt repeats it.
DUPLICATE_RATIO = 90.0


def server_prompts(kb: KnowledgeBase, custom: Sequence[Prompt], sources: Sequence[str] | None) -> list[Prompt]:
    """The shipped prompts for the server's texts, then the server's own, in a stable order."""
    shipped = [p for p in kb.prompts if not p.draft and (sources is None or p.source in sources)]
    return shipped + [p for p in custom if sources is None or p.source in sources]


def next_prompt(prompts: Sequence[Prompt], posted: Mapping[str, int]) -> Prompt | None:
    """The first prompt posted fewest times: no repeats until every prompt has had its turn."""
    if not prompts:
        return None
    fewest = min(posted.get(p.id, 0) for p in prompts)
    return next(p for p in prompts if posted.get(p.id, 0) == fewest)


def vet_suggestion(text: str, *, kb: KnowledgeBase, source: str, passage: int | None,
                   existing: Sequence[str], pending_by_member: int) -> str | None:
    """Why a suggested prompt is refused, or None if it may join the queue."""
    cleaned = clean_question(text)
    if len(cleaned) < SUGGESTION_MIN_CHARS:
        return f"That is too short for a discussion prompt; write at least {SUGGESTION_MIN_CHARS} characters."
    if len(cleaned) > SUGGESTION_MAX_CHARS:
        return f"That is too long ({len(cleaned)} characters); keep a prompt under {SUGGESTION_MAX_CHARS}."
    if sum(c.isalpha() for c in cleaned) < SUGGESTION_MIN_CHARS // 2:
        return "A prompt needs words, not just symbols or numbers."
    if source not in kb.sources:
        return f"There is no text called \u201c{source}\u201d."
    if passage is not None and kb.passage(source, passage) is None:
        return f"\u201c{kb.sources[source].title}\u201d has passages 1 to {len(kb.sources[source].passages)}."
    if pending_by_member >= PENDING_PER_MEMBER:
        return (f"You already have {pending_by_member} suggestions waiting; "
                "let the moderators get to them first.")
    vocab = Vocabulary.shared(kb.synonyms)
    mine = " ".join(vocab.terms(cleaned))
    for other in existing:
        if fuzz.token_set_ratio(mine, " ".join(vocab.terms(other)), processor=None) >= DUPLICATE_RATIO:
            return f"That is very like an existing prompt: \u201c{other[:120]}\u201d."
    return None


def export_yaml(prompts: Sequence[Prompt], *, guild_id: int) -> str:
    """A server's own prompts as a prompts file in the knowledge format."""
    items = []
    for number, prompt in enumerate(prompts, 1):
        cite = [{"source": c.source, "passage": c.passage} for c in prompt.citations]
        item: dict[str, object] = {"id": f"server-{guild_id}-{number}", "text": prompt.text}
        if cite:
            item["cite"] = cite
        else:
            item["draft"] = True  # no passage was given: a curator picks one before it is served
        items.append(item)
    head = (f"# Prompts suggested and approved in server {guild_id}.\n"
            "# Copy into knowledge/prompts/, give each citation a 'quote:' from its passage\n"
            "# and run `citebot kb validate`.\n")
    return head + yaml.safe_dump({"prompts": items}, allow_unicode=True, sort_keys=False, width=100)
