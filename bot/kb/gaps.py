"""The curators' queue: questions the bot could not answer well, grouped, with YAML to paste."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml
from rapidfuzz import fuzz

from . import lexicon
from .bars import CONFIDENT
from .checks import phrasing_key
from .engine import RELATED_MIN, Engine
from .loader import PLACEHOLDER
from .text import STOPWORDS, Vocabulary, clean_question, search_stems, sentences, stem, words

# Said of a gap no passage speaks of, in the terminal and in Discord alike.
NOT_ABOUT_THE_TEXT = "no passage speaks of it: probably not about the text"
# Questions whose matcher terms agree this much (token_set_ratio) are one gap asked twice.
GROUP_RATIO = 80.0
GROUP_SHARE = 0.5  # ... and share at least this much of their terms (all of either's words, counted once)
# A curated answer below this confidence is weak enough for curators to look at.
LOW_CONFIDENCE = 0.65
SHOWN_QUESTIONS = 5  # example questions kept per group
# A word as common as Zipf 7 ("the") tells nothing of which sentence a question is about; rarer ones more.
RARE_BASE = 7.0
# Declines that are the right reply, not something for curators to add (unless voted down).
NOT_GAPS = frozenset({"small-talk", "opinion", "empty", "too-long", "too-many", "unclear"})


@dataclass(frozen=True, slots=True)
class Asked:
    """One logged question that went badly: declined, unsure, or voted down."""

    question: str
    kind: str
    entry_id: str | None
    confidence: float
    downvotes: int = 0  # how many members voted its answer down (one each)
    logged: int = 0  # its number in the question log, which never changes
    channel: int | None = None  # where it was asked: a channel bound to one text asks only that text
    guild: int | None = None  # the server it was asked in (None: a direct message)

    @property
    def downvoted(self) -> bool:
        return self.downvotes > 0


@dataclass(frozen=True, slots=True)
class Gap:
    """Alike questions the knowledge base answers badly, and what a curator could add."""

    questions: tuple[str, ...]
    count: int
    downvotes: int
    entry_id: str | None  # an existing entry to extend with a phrasing, if one is close
    passages: tuple[tuple[str, int], ...]  # the likeliest passages for a new entry
    answered: tuple[str, ...] = ()  # the entries that answered and were voted down
    asked: tuple[str, ...] = ()  # every question of the group as logged, each once (what --dismiss takes out)
    number: int = 0  # the first logged question's number: the gap's own, however the queue moves
    guilds: tuple[int | None, ...] = ()  # the servers its questions were asked in (None: direct messages)

    @property
    def example(self) -> str:
        return self.questions[0]


def needs_curation(asked: Asked) -> bool:
    return asked.downvoted or asked.kind != "curated" or asked.confidence < LOW_CONFIDENCE


def find_gaps(asked: Sequence[Asked], engine: Engine, *, limit: int = 20,
              closed: list[Asked] | None = None, bound: Mapping[int, str] | None = None) -> list[Gap]:
    """Group the questions that went badly, biggest groups first, with a suggestion for each.

    Questions the current knowledge now answers confidently (and nobody voted down) are left
    out, and added to `closed` if given: a curator has already closed that gap. `bound` maps the
    channels bound to one text to that text: a question asked there is read as it was, of that
    text alone.
    """
    bound = {c: t for c, t in (bound or {}).items() if t in engine.kb.sources}
    vocab = Vocabulary.shared(engine.kb.all_synonyms)
    groups: list[tuple[str, list[Asked]]] = []  # (representative terms, members)
    for item in asked:
        if not needs_curation(item) or not item.question.strip():
            continue
        if not item.downvoted:
            now = engine.ask(item.question, source=bound.get(item.channel))
            if now.kind == "curated" and now.confidence >= CONFIDENT:
                if closed is not None:
                    closed.append(item)
                continue
            if now.reason in NOT_GAPS:  # "thanks", "do you like putin": answered as they should be
                continue
        key = " ".join(vocab.terms(item.question))
        if not key:
            continue
        for rep, members in groups:
            # Alike, and mostly the same words: "where did abe meet putin" is no "what did putin say".
            shared = len(set(key.split()) & set(rep.split())) / len(set(key.split()) | set(rep.split()))
            if fuzz.token_set_ratio(key, rep, processor=None) >= GROUP_RATIO and shared >= GROUP_SHARE:
                members.append(item)
                break
        else:
            groups.append((key, [item]))
    groups.sort(key=lambda g: (-len(g[1]), g[1][0].question))
    return [_gap(members, engine, bound.get(members[0].channel)) for _, members in groups[:limit]]


def _gap(members: list[Asked], engine: Engine, source: str | None = None) -> Gap:
    """A group's gap; `source`, the one text its first question was asked of (a bound channel's)."""
    questions = tuple(dict.fromkeys(m.question.strip() for m in members))[:SHOWN_QUESTIONS]
    # The entry the question is a phrasing of is the one members are shown for it: the answer, or
    # the first "did you mean". One the bot would not even offer is no phrasing of it: "what is the
    # capital of australia" shares only "what is the" with "What is the RFE?".
    now = engine.ask(questions[0], source=source)
    entry = now.entry if now.entry is not None else (
        engine.kb.entry(now.suggestions[0].entry_id) if now.suggestions else None)
    entry_id = entry.id if entry is not None else None
    if entry is not None:
        # A phrasing only for an entry that can answer it: it names every name and number asked
        # about and gives what is asked ("how many troops" is no phrasing of "Russia has increased
        # its military presence", "what role does china play" none of an entry on Trump).
        matcher = engine.matchers[entry.source]
        if not matcher.fits(matcher.query(clean_question(questions[0])), entry.id):
            entry_id = None
    downvoted = [m.entry_id for m in members if m.downvoted and m.entry_id]
    if downvoted:
        entry_id = None  # the entry that answered was wrong for these: suggest a new one
    # Never the text's details (passage 0): "who won the 2018 world cup" matched its date line.
    # Only passages that speak of the question, by a word most passages do not use: "how do i bake
    # sourdough bread" had an oil passage, "what's the capital of japan" two that name Japan.
    passages = tuple((p.source, p.number) for score, p in engine.search(questions[0], limit=3, source=source)
                     if p.number > 0 and score >= RELATED_MIN and _telling_words(questions[0], p, engine))[:2]
    if entry_id and passages and entry.source not in {text for text, _ in passages}:
        entry_id = None  # the question's words are in another text: a phrasing here would mislead
    return Gap(questions, len(members), sum(m.downvotes for m in members), entry_id, passages,
               tuple(dict.fromkeys(downvoted)), tuple(dict.fromkeys(m.question for m in members)),
               min((m.logged for m in members if m.logged), default=0), tuple(dict.fromkeys(m.guild for m in members)))


def gaps_yaml(gaps: Sequence[Gap], engine: Engine) -> str:
    """Ready-to-paste YAML: phrasings for existing entries, and draft entries for new ones."""
    extend: dict[str, list[str]] = {}
    drafts = []
    notes = []
    unrelated: list[str] = []
    vocab = Vocabulary.shared(engine.kb.all_synonyms)
    phrased = {phrasing_key(vocab, q): e.id for e in engine.kb.live_entries for q in e.questions}
    for position, gap in enumerate(gaps, 1):
        # Named by the gap's own number, as `kb gaps` lists it and `--dismiss` takes it (a gap
        # read without a log has none: its place in the list).
        number = gap.number or position
        if gap.entry_id:
            extend.setdefault(gap.entry_id, []).extend(gap.questions)
            continue
        if not gap.passages:  # about something else: no entry of the text could answer it
            unrelated.append(gap.example)
            continue
        draft_id = f"gap-{number}-{_slug(gap.example)}"
        # A question an entry already lists was answered by it and voted down: the fix is that
        # entry's answer, or the question moved from it to here; listed twice, it fails validation.
        questions = [q for q in gap.questions if phrasing_key(vocab, q) not in phrased]
        for answered in gap.answered:
            entry = engine.kb.entry(answered)
            if entry is None:
                continue
            listed = [q for q in gap.questions if phrased.get(phrasing_key(vocab, q)) == answered]
            notes.append(f"# {draft_id}: voted down when '{answered}' answered: {' '.join(entry.answer.split())}\n"
                         "#   If that answer is wrong, correct it there; if these need an answer of their own, "
                         f"move them from '{answered}' to this entry" + (f": {listed}" if listed else "") + ".\n")
        cite = []
        for source, passage in gap.passages:
            found = engine.kb.passage(source, passage)
            if found is not None:
                best = max(sentences(found.text), key=lambda s: _overlap(s, gap.example))
                cite.append({"source": source, "passage": passage, "quote": best.rstrip(".")})
        drafts.append({
            "id": draft_id,
            "draft": True,
            "questions": questions + [f"{PLACEHOLDER} another wording ({n})"
                                      for n in range(1, max(0, 3 - len(questions)) + 1)],
            "answer": f"{PLACEHOLDER} the fact, in plain words",
            "cite": cite,
        })
    head = (f"# Citebot curators' queue: {len(gaps)} group(s) of questions answered badly.\n"
            "# add_phrasings: questions closest to the entry named, whose answer is shown above it. Add them\n"
            "# to its 'questions:' only if that answer is right for them; if not, they need an entry of their own.\n"
            f"# entries: new draft entries for entries/*.yaml; fill in each {PLACEHOLDER!r}, remove 'draft: true',\n"
            "# then run `citebot kb validate`.\n")
    phrasings = "add_phrasings:" + (" {}\n" if not extend else "\n")
    for entry_id, questions in extend.items():
        entry = engine.kb.entry(entry_id)
        if entry is not None:
            phrasings += f"  # {entry_id} answers: {' '.join(entry.answer.split())}\n"
        listed = yaml.safe_dump({entry_id: questions}, allow_unicode=True, sort_keys=False, width=100)
        phrasings += "".join(f"  {line}\n" for line in listed.splitlines())
    entries = yaml.safe_dump({"entries": drafts}, allow_unicode=True, sort_keys=False, width=100)
    if unrelated:
        head += (f"# Not drafted, {NOT_ABOUT_THE_TEXT}: " + "; ".join(repr(q) for q in unrelated) + "\n")
    return head + phrasings + "".join(notes) + entries


def _telling_words(question: str, passage, engine: Engine) -> bool:
    """Whether the passage has a word of the question that fewer than half its text's passages use."""
    source = engine.kb.sources[passage.source]
    asked = search_stems(question) & search_stems(passage.text)
    return any(sum(stem_ in search_stems(p.text) for p in source.passages) < len(source.passages) / 2
               for stem_ in asked)


def _overlap(sentence: str, question: str) -> float:
    """How much of the question's words of substance, in any form, the sentence uses, a rare word
    counting for more: "rivet count?" is the sentence on "6.5 million rivets", not "counted 73 deaths"."""
    said = search_stems(sentence)
    return sum(max(RARE_BASE - lexicon.zipf(w), 0.5) for w in dict.fromkeys(words(question))
               if w not in STOPWORDS and stem(w) in said)


def _slug(text: str, words: int = 4) -> str:
    kept = [w for w in ("".join(c for c in w.casefold() if c.isascii() and c.isalnum()) for w in text.split()) if w]
    return "-".join(kept[:words])[:40].strip("-") or "question"
