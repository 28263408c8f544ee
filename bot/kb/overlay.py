"""One server's own knowledge, served on top of the shared knowledge without copying or rebuilding it.

A server's curators add entries, edit or retire entries (their own or the shared ones, for their
server only) and bring in texts. The engine a server asks is the shared engine's matchers, each
wrapped in a `Layered` matcher: the shared index minus the entries this server replaced or
retired, plus a small index of the server's own entries that grows one entry at a time. The
shared index is never changed, so every other server's answers stay exactly what they were.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .bars import PASSAGE_MIN, UNCURATED_PASSAGE_MIN
from .details import by_text, curated, details_entries
from .engine import Engine
from .exchange import entry_from_record, entry_record
from .loader import ID_PATTERN, numbers_text, parse_source, quote_passages
from .matcher import Matcher, Query, Sentence
from .models import Entry, KnowledgeBase, Source
from .text import Vocabulary

log = logging.getLogger(__name__)


class Layered:
    """A text's matcher as one server sees it: the shared entries it keeps, then its own."""

    def __init__(self, base: Matcher, *, stand_ins: Mapping[str, Entry] | None = None) -> None:
        self.base = base
        self.own = base.fork()
        self.hidden: set[int] = set()  # shared entries (by index) this server replaced or retired
        # The text's details (author, title, date) stand in until the server's own entries answer
        # them, one by one, as a folder's entries do (`details_entries`; see `cover`).
        self._stand_ins = {base.index_of[i]: e for i, e in (stand_ins or {}).items() if i in base.index_of}
        self._covered: frozenset[int] = frozenset()

    def cover(self, kb: KnowledgeBase, source: Source, own: Iterable[Entry]) -> None:
        """Hide each stand-in whose detail the server's own entries (`own`, on `source`) now answer:
        one that cites its line or asks one of its questions. Entries on the fire's date leave "who
        wrote this text?" to the author's stand-in."""
        if not self._stand_ins:
            return
        alone = KnowledgeBase(sources={source.id: source}, entries=tuple(own), synonyms=kb.synonyms,
                              text_synonyms=kb.text_synonyms)
        kept = {e.id for e in details_entries(alone)}
        self._covered = frozenset(i for i, e in self._stand_ins.items() if e.id not in kept)

    @property
    def passage_terms(self) -> Mapping[tuple[str, int], frozenset[str]]:
        return self.base.passage_terms

    @property
    def sentences(self) -> list[Sentence]:
        return self.base.sentences

    @property
    def titles(self) -> Mapping[str, tuple[tuple[str, ...], ...]]:
        return self.base.titles

    @property
    def vocab(self) -> Vocabulary:
        """The text's synonym folding, which the server's own entries share."""
        return self.own.vocab

    @property
    def names(self) -> Collection[str]:
        """The text's names and those the server's own entries brought (read as `query` reads)."""
        return self.own.names

    @property
    def curated(self) -> bool:
        """Whether this server serves an entry of its own on this text."""
        return bool(self.own.index_of)

    def hide(self, entry_id: str) -> None:
        if entry_id in self.base.index_of:
            self.hidden.add(self.base.index_of[entry_id])

    def show(self, entry_id: str) -> None:
        self.hidden.discard(self.base.index_of.get(entry_id, -1))

    def query(self, question: str, *, keep: frozenset[str] = frozenset()) -> Query:
        """Read with the server's vocabulary too: a name only its entries use is no typo to repair."""
        return self.own.query(question, keep=keep)

    @property
    def known_words(self) -> frozenset[str]:
        return self.own.known_words

    def bound(self, query: Query, floor: float = 0.0) -> float:
        return max(self.base.bound(query, floor), self.own.bound(query, floor) if self.curated else 0.0)

    def rank_entries(self, query: Query, *, sources: frozenset[str] | None = None, limit: int = 10,
                     floor: float = 0.0) -> list[tuple[float, Entry, int]]:
        """As `Matcher.rank_entries`, over the shared entries this server keeps and its own."""
        hidden = self.hidden | self._covered
        shared = self.base.rank_entries(query, sources=sources, limit=limit, floor=floor, exclude=hidden)
        own = self.own.rank_entries(query, sources=sources, limit=limit, floor=floor) if self.curated else []
        return sorted(shared + own, key=lambda r: -r[0])[:limit]  # stable: the shared entry first among equals

    def fits(self, query: Query, entry_id: str, *, asked: bool = True) -> bool:
        if entry_id in self.own.index_of:
            return self.own.fits(query, entry_id, asked=asked)
        return self.base.index_of.get(entry_id) not in self.hidden and self.base.fits(query, entry_id, asked=asked)

    def plainly_fits(self, query: Query, entry_id: str, at: int) -> bool:
        if entry_id in self.own.index_of:
            return self.own.plainly_fits(query, entry_id, at)
        return self.base.index_of.get(entry_id) not in self.hidden and self.base.plainly_fits(query, entry_id, at)

    def as_phrased(self, query: Query, entry_id: str, at: int) -> bool:
        if entry_id in self.own.index_of:
            return self.own.as_phrased(query, entry_id, at)
        return self.base.index_of.get(entry_id) not in self.hidden and self.base.as_phrased(query, entry_id, at)

    def phrasing_shares(self, entry_id: str) -> dict[str, float]:
        return (self.own if entry_id in self.own.index_of else self.base).phrasing_shares(entry_id)

    def speaks_of(self, query: Query, entry_id: str) -> bool:
        if entry_id in self.own.index_of:
            return self.own.speaks_of(query, entry_id)
        return self.base.speaks_of(query, entry_id)

    def only_everyday(self, query: Query, entry_id: str, at: int) -> bool:
        return (self.own if entry_id in self.own.index_of else self.base).only_everyday(query, entry_id, at)

    def only_everyday_in(self, query: Query, text: str) -> bool:
        return self.own.only_everyday_in(query, text)  # the server's words too

    def weight(self, term: str) -> float:
        return self.own.weight(term)  # as the server's questions are read

    def thin(self, query: Query, entry_id: str, at: int) -> bool:
        return (self.own if entry_id in self.own.index_of else self.base).thin(query, entry_id, at)

    def shared(self, query: Query, entry_id: str, at: int) -> list[str]:
        return (self.own if entry_id in self.own.index_of else self.base).shared(query, entry_id, at)

    def names_besides(self, query: Query, text: str, role: str | None = None, *, sentence: bool = False) -> bool:
        return self.own.names_besides(query, text, role, sentence=sentence)  # the server's names too

    def subject_names(self, text: str) -> tuple[str, ...]:
        return self.own.subject_names(text)

    def counts_beside(self, query: Query, text: str) -> bool:
        return self.own.counts_beside(query, text)

    def places_in_it(self, query: Query, said: str) -> bool:
        return self.own.places_in_it(query, said)  # the server's names too

    def counts_others(self, query: Query, text: str) -> bool:
        return self.own.counts_others(query, text)

    def says_otherwise(self, query: Query, term: str, text: str) -> bool:
        return self.own.says_otherwise(query, term, text)

    def gives_no_reason(self, query: Query, entry_id: str) -> bool:
        return (self.own if entry_id in self.own.index_of else self.base).gives_no_reason(query, entry_id)

    def misses_the_event(self, query: Query, entry_id: str) -> bool:
        return (self.own if entry_id in self.own.index_of else self.base).misses_the_event(query, entry_id)

    def gives_no_view(self, query: Query, entry_id: str) -> bool:
        return (self.own if entry_id in self.own.index_of else self.base).gives_no_view(query, entry_id)

    def supplies_asked(self, query: Query, entry_id: str) -> bool:
        if entry_id in self.own.index_of:
            return self.own.supplies_asked(query, entry_id)
        return self.base.supplies_asked(query, entry_id)

    def closest(self, query: Query, count: int) -> list[tuple[float, Entry]]:
        hidden = self.hidden | self._covered
        own = self.own.closest(query, count) if self.curated else []
        return sorted(own + self.base.closest(query, count, exclude=hidden), key=lambda c: -c[0])[:count]

    def rank_sentences(self, query: Query, **options) -> list[tuple[float, Sentence]]:
        return self.base.rank_sentences(query, **options)

    def answer_sentences(self, query: Query, **options) -> list[tuple[float, Sentence]]:
        return self.base.answer_sentences(query, **options)

    def sentence_bound(self, query: Query) -> float:
        return self.base.sentence_bound(query)


@dataclass(frozen=True, slots=True)
class Retired:
    """An entry a server took out of service; kept so that an undo can bring it back."""

    entry: Entry


State = Entry | Retired  # what a server holds for one entry id


class GuildKnowledge:
    """One server's entries and texts on top of the shared engine; `engine` is what it asks."""

    def __init__(self, shared: Engine) -> None:
        self.shared = shared
        self.states: dict[str, State] = {}
        self.texts: dict[str, Source] = {}
        self._layers: dict[str, Layered] = {}
        self._text_engines: dict[str, Engine] = {}
        self.engine: Engine = shared
        # Held while a change is made, and by whoever reads this server's engine outside the event
        # loop (answers are read in worker threads): a change changes its layers in place.
        self.lock = threading.RLock()

    # -- changes ------------------------------------------------------------------------------

    def set(self, entry_id: str, state: State | None) -> None:
        """Serve `state` for this id: an entry, a retirement, or None (back to the shared entry, if any).

        Only the one entry's index rows change; the engine is then re-wrapped (no rebuild).
        A state that cannot be served (its text is gone) raises ValueError and changes nothing.
        """
        with self.lock:
            self._set(entry_id, state)

    def _set(self, entry_id: str, state: State | None) -> None:
        entry = state if isinstance(state, Entry) else None
        if entry is not None and entry.source not in self.shared.kb.sources and entry.source not in self.texts:
            raise ValueError(f"the entry '{entry_id}' cites the text '{entry.source}', which this server no "
                             "longer has")
        if entry is not None:
            self._layer(entry.source).own.add_entry(entry)  # the step that can fail, first
        old = self.states.get(entry_id)
        if isinstance(old, Entry) and (entry is None or old.source != entry.source):
            self._layer(old.source).own.remove_entry(entry_id)
        shared = self.shared.kb.entry(entry_id)
        if shared is not None:
            if state is None:
                self._layer(shared.source).show(entry_id)
            else:
                self._layer(shared.source).hide(entry_id)
        if state is None:
            self.states.pop(entry_id, None)
        else:
            self.states[entry_id] = state
        self.engine = self._engine()

    def add_text(self, source: Source) -> None:
        """Serve a text of this server's own, answerable from its passages at once."""
        alone = KnowledgeBase(sources={source.id: source}, entries=(), synonyms=self.shared.kb.synonyms)
        engine = Engine(alone)  # built before the lock is taken: answers need not wait for it
        with self.lock:
            self._add_text(source, engine)

    def _add_text(self, source: Source, engine: Engine) -> None:
        self._text_engines[source.id] = engine
        self.texts[source.id] = source
        layer = Layered(engine.matchers[source.id], stand_ins=engine._details)
        for state in self.states.values():  # entries kept while the text was away come back
            if isinstance(state, Entry) and state.source == source.id:
                layer.own.add_entry(state)
        self._layers[source.id] = layer
        self.engine = self._engine()

    def served_as(self, source: Source) -> str | None:
        """The id under which this server already serves the same text (passage for passage), if it
        does under another: the same file brought in twice would be two texts no label tells apart."""
        said = [p.text for p in source.passages]
        return next((sid for sid, other in self.engine.kb.sources.items()
                     if sid != source.id and [p.text for p in other.passages] == said), None)

    def citations_left_behind(self, source: Source) -> list[str]:
        """What this version of a text would break of the server's own entries on it (kept while
        it was away, or served from the version it replaces): each citation whose quote its passage
        no longer holds, said with where the words are now, if anywhere ("'town-planner' cites
        passage 6: “Rebuilding Åbo ...”, now in passage 5")."""
        said: list[str] = []
        for entry in self.own_entries:
            for citation in entry.citations:
                if citation.source != source.id or citation.passage == 0:
                    continue
                found = quote_passages(citation.quote, source)
                if citation.passage in found:
                    continue
                where = f"now in {numbers_text(found)}" if found else "in no passage of it now"
                quoted = citation.quote if len(citation.quote) <= 60 else citation.quote[:59] + "\u2026"
                said.append(f"'{entry.id}' cites passage {citation.passage}: \u201c{quoted}\u201d, {where}")
        return said

    def can_take_text(self, source_id: str) -> bool:
        """Whether a text of this server's own may have this id: a well-formed one, not a shared text's."""
        return bool(ID_PATTERN.match(source_id)) and (source_id not in self.engine.kb.sources
                                                      or source_id in self.texts)

    def remove_text(self, source_id: str) -> None:
        with self.lock:
            self.texts.pop(source_id, None)
            self._text_engines.pop(source_id, None)
            self._layers.pop(source_id, None)
            self.engine = self._engine()

    # -- reading ------------------------------------------------------------------------------

    @property
    def own_entries(self) -> list[Entry]:
        """The entries this server serves of its own (new ones and its versions of shared ones)."""
        return [s for s in self.states.values() if isinstance(s, Entry)]

    def served(self, entry_id: str) -> Entry | None:
        """The entry this server serves under this id, if any."""
        state = self.states.get(entry_id)
        if state is None:
            return self.shared.kb.entry(entry_id)
        return state if isinstance(state, Entry) else None

    def _layer(self, source_id: str) -> Layered:
        layer = self._layers.get(source_id)
        if layer is None:
            layer = self._layers[source_id] = Layered(self.shared.matchers[source_id])
        return layer

    def _engine(self) -> Engine:
        kb = self.shared.kb
        def serves(state: State | None) -> bool:
            return isinstance(state, Entry) and (state.source in kb.sources or state.source in self.texts)

        # A server's version of a shared entry stands where the shared one stood; its new entries follow.
        entries = tuple(self.states.get(e.id, e) for e in kb.entries if e.id not in self.states
                        or serves(self.states[e.id]))
        entries += tuple(s for i, s in self.states.items() if kb.entry(i) is None and serves(s))
        served = KnowledgeBase(sources={**kb.sources, **self.texts}, entries=entries, prompts=kb.prompts,
                               synonyms=kb.synonyms, root=kb.root, text_synonyms=kb.text_synonyms)
        matchers: dict[str, Matcher | Layered] = dict(self.shared.matchers)
        matchers.update(self._layers)
        details = dict(self.shared._details)
        for engine in self._text_engines.values():
            details.update(engine._details)
        passage_min = dict(self.shared._passage_min)
        own = by_text(entries)
        for sid, source in self.texts.items():  # lower until the server's entries cover the text
            passage_min[sid] = PASSAGE_MIN if curated(source, own.get(sid, ())) else UNCURATED_PASSAGE_MIN
            if sid in self._layers:
                self._layers[sid].cover(kb, source, own.get(sid, ()))
        return Engine.over(served, matchers, details=details, passage_min=passage_min)


def stored(state: State | None) -> dict[str, Any] | None:
    """A state as the database keeps it: the entry's record and whether it is retired (None: no row)."""
    if state is None:
        return None
    entry = state.entry if isinstance(state, Retired) else state
    return {"entry": entry_record(entry), "retired": isinstance(state, Retired)}


def undone(entry_id: str, action: str, before: dict[str, Any] | None) -> str:
    """What undoing a change did, in words: an add undone leaves the server without that entry."""
    if before is None:
        return f"'{entry_id}' is no longer one of this server's own entries: the {action} is undone"
    return f"'{entry_id}' is back as it was before that {action}"


def served_state(value: dict[str, Any] | None) -> State | None:
    if value is None:
        return None
    entry = entry_from_record(value["entry"])
    return Retired(entry) if value["retired"] else entry


def from_rows(texts: list[tuple[str, str]], entries: list[tuple[str, dict[str, Any]]]
              ) -> tuple[list[Source], list[tuple[str, State]]]:
    """A server's stored texts (id, source file) and entry states as the library serves them."""
    sources = []
    for source_id, content in texts:
        source, _ = parse_source(content, f"sources/{source_id}.md")
        if source is not None:
            sources.append(source)
        else:
            log.warning("the stored text %s cannot be read; it is not served", source_id)
    states = [(entry_id, state) for entry_id, value in entries if (state := served_state(value)) is not None]
    return sources, states


def passage_choices(source: Source, typed: str, *, limit: int) -> list[tuple[int, str]]:
    """Passages whose number or words match what is typed, each with its first words, for autocomplete."""
    typed = typed.strip().casefold()
    out = []
    for passage in (source.about, *source.passages):
        label = f"{passage.number}: {' '.join(passage.text.split()[:12])}"
        if not typed or typed == str(passage.number) or typed in passage.text.casefold():
            out.append((passage.number, label))
        if len(out) >= limit:
            break
    return out
