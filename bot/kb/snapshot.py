"""A built engine as plain data, JSON and numpy arrays, so that reading a cache can never run code.

`save` writes a folder with `engine.json` (the validated knowledge and every text's index:
terms, postings, weights), `later.json` (each text's sentences and entries, read when a question
first needs them), `phrasings.npy` (every phrasing's vector, mapped from the file when
read back, so that a start reads none of it until questions do) and `vectors.npz` (the word
vectors, and the sentence vectors embedded so far);
`load` builds the same engine back without reading or indexing a single text again, and leaves
each text's sentences and entries to be built from what it read when a question first needs them
(`_CachedMatcher`): with many texts served, most are never needed. Only
plain values go in: strings, numbers, lists, and float arrays read with `allow_pickle=False`.
"""

from __future__ import annotations

import json
import math
import mmap
import os
import threading
import zlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from .engine import Engine
from .matcher import SELECTIVE_MIN, SELECTIVE_SHARE, SPELLINGS, Matcher, Sentence, _Profile
from .models import Citation, Entry, KnowledgeBase, Passage, Prompt, Source
from .reading import passage_bars
from .semantic import embedder
from .text import Vocabulary

FORMAT = 11  # bumped whenever what is written changes shape
DATA = "engine.json"
ARRAYS = "vectors.npz"
PHRASINGS = "phrasings.npy"  # every text's phrasing vectors, mapped from the file when read back
LATER = "later.json"  # each text's sentences and entries, one JSON document per text, read when first needed
_LATER_KEYS = ("sentences", "passage_terms", "profiles")


def save(engine: Engine, folder: Path) -> None:
    """Write the engine into `folder` (which must exist and be empty)."""
    terms = _Table()
    data = {"format": FORMAT, "kb": _kb_data(engine.kb), "details": list(map(_entry_data, engine._details.values())),
            "matchers": {sid: _matcher_data(m, terms) for sid, m in engine.matchers.items()}}
    data["terms"] = terms.terms
    # What each text builds only when a question first needs it (`_CachedMatcher`) goes in a file
    # of its own, one JSON document per text, found by its place there: a start reads none of it.
    check = 0
    with (folder / LATER).open("wb") as handle:
        for state in data["matchers"].values():
            later = json.dumps({key: state.pop(key) for key in _LATER_KEYS}, separators=(",", ":"),
                               ensure_ascii=False).encode("utf-8")
            state["later"] = [handle.tell(), len(later)]
            handle.write(later)
            check = zlib.crc32(later, check)
    data["later"] = check  # checked on every start: a damaged file is rebuilt, not met by a question
    arrays = {f"{sid}/starts": np.asarray(m.starts) for sid, m in engine.matchers.items()}
    # Sentence vectors are embedded when first needed (most texts never are): kept if they were.
    arrays |= {f"{sid}/sentence_vectors": m._sentence_vectors for sid, m in engine.matchers.items()
               if "_sentence_vectors" in vars(m)}
    # The words every text measures kinship against, with their vectors, once for all texts.
    words = sorted({w for m in engine.matchers.values() for w in m.vocabulary})
    arrays["words"] = embedder().words.vectors(words)
    data["words"] = words
    (folder / DATA).write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    with (folder / ARRAYS).open("wb") as handle:
        np.savez(handle, **arrays)
    # Every text's phrasing vectors in one plain array, in the order of the texts, each text's
    # rows counted in its data: read back, it is mapped from the file, not read into memory.
    dimensions = embedder().dimensions
    np.save(folder / PHRASINGS, np.concatenate([np.asarray(m.vectors, dtype=np.float32).reshape(-1, dimensions)
                                                for m in engine.matchers.values()]))


def load(folder: Path) -> Engine:
    """The engine `save` wrote; ValueError (or OSError) when the folder is not one."""
    data = json.loads((folder / DATA).read_bytes())  # UTF-8, as written
    if data.get("format") != FORMAT:
        raise ValueError(f"snapshot format {data.get('format')!r}, not {FORMAT}")
    kb = _kb_from(data["kb"])
    details = {e.id: e for e in map(_entry_from, data["details"])}  # as written: working them out reads every phrasing
    entries = {e.id: e for e in kb.entries} | details
    passages = {(p.source, p.number): p for s in kb.sources.values() for p in (s.about, *s.passages)}
    with (folder / LATER).open("rb") as handle:  # mapped, it stays readable however long a text waits
        later = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if os.fstat(handle.fileno()).st_size else b""
    if zlib.crc32(later) != data["later"]:
        raise ValueError(f"{LATER} is not the file written with {DATA}")
    phrasings = np.load(folder / PHRASINGS, mmap_mode="r", allow_pickle=False)
    at = np.cumsum([0] + [state["rows"] for state in data["matchers"].values()])
    if at[-1] != len(phrasings):
        raise ValueError(f"{PHRASINGS} holds {len(phrasings)} vectors, not {at[-1]}")
    with np.load(folder / ARRAYS, allow_pickle=False) as arrays:
        embedder().words.adopt(data["words"], arrays["words"])
        matchers = {sid: _matcher_from(state, data["terms"], kb, sid, entries, passages, later,
                                       {"vectors": np.asarray(phrasings[at[n] : at[n + 1]])}  # not a memmap
                                       | {name: arrays[key] for name in ("starts", "sentence_vectors")
                                          if (key := f"{sid}/{name}") in arrays})
                    for n, (sid, state) in enumerate(data["matchers"].items())}
    return Engine.over(kb, matchers, details=details, passage_min=passage_bars(kb))


# -- the knowledge ---------------------------------------------------------------------------

def _kb_data(kb: KnowledgeBase) -> dict[str, Any]:
    return {
        "sources": [_source_data(s) for s in kb.sources.values()],
        "entries": list(map(_entry_data, kb.entries)),
        "prompts": [[p.id, p.source, p.text, [_citation_data(c) for c in p.citations], list(p.tags), p.draft,
                     p.path, p.line] for p in kb.prompts],
        "synonyms": [list(group) for group in kb.synonyms],
        "root": kb.root,
        "text_synonyms": {sid: [list(g) for g in groups] for sid, groups in kb.text_synonyms.items()},
    }


def _kb_from(data: dict[str, Any]) -> KnowledgeBase:
    sources = {s.id: s for s in map(_source_from, data["sources"])}
    entries = tuple(map(_entry_from, data["entries"]))
    prompts = tuple(Prompt(i, s, text, tuple(_citation_from(c) for c in cites), tuple(tags), draft, path, line)
                    for i, s, text, cites, tags, draft, path, line in data["prompts"])
    return KnowledgeBase(sources, entries, prompts, tuple(tuple(g) for g in data["synonyms"]), data["root"],
                         {sid: tuple(tuple(g) for g in groups) for sid, groups in data["text_synonyms"].items()})


def _entry_data(e: Entry) -> list[Any]:
    return [e.id, e.source, list(e.questions), e.answer, [_citation_data(c) for c in e.citations],
            list(e.tags), list(e.related), list(e.accept), e.draft, e.path, e.line]


def _entry_from(data: list[Any]) -> Entry:
    i, s, q, a, cites, tags, related, accept, draft, path, line = data
    return Entry(i, s, tuple(q), a, tuple(_citation_from(c) for c in cites), tuple(tags), tuple(related),
                 tuple(accept), draft, path, line)


def _source_data(source: Source) -> dict[str, Any]:
    return {"id": source.id, "title": source.title, "author": source.author,
            "passages": [[p.number, p.text, p.line, p.heading] for p in source.passages],
            "role": source.role, "language": source.language, "date": source.date, "occasion": source.occasion,
            "byline": list(source.byline), "headings": list(source.headings), "notes": source.notes,
            "path": source.path, "short": source.short}


def _source_from(data: dict[str, Any]) -> Source:
    passages = tuple(Passage(data["id"], number, text, line, heading)
                     for number, text, line, heading in data["passages"])
    return Source(data["id"], data["title"], data["author"], passages, data["role"], data["language"], data["date"],
                  data["occasion"], tuple(data["byline"]), tuple(data["headings"]), data["notes"], data["path"],
                  data["short"])


def _citation_data(citation: Citation) -> list[Any]:
    return [citation.source, citation.passage, citation.quote, citation.line]


def _citation_from(data: list[Any]) -> Citation:
    return Citation(*data)


# -- one text's index ------------------------------------------------------------------------
# Every term, word and stem is written once, in the snapshot's `terms` table, and everywhere else
# by its place there: the file is smaller, and a term read back is one string shared by every
# set that holds it (a hundred texts' "japan" are one object, not a hundred).

class _Table:
    """Terms to their places in the table, growing as the texts' indexes are written."""

    def __init__(self) -> None:
        self.places: dict[str, int] = {}

    def place(self, term: str) -> int:
        return self.places.setdefault(term, len(self.places))

    def ids(self, terms: Iterable[str]) -> list[int]:
        """A set's places, sorted: the set itself has no order."""
        return sorted(map(self.place, terms))

    @property
    def terms(self) -> list[str]:
        return list(self.places)  # in place order: places are handed out in insertion order


def _matcher_data(matcher: Matcher, table: _Table) -> dict[str, Any]:
    if matcher.retired or matcher.added_df or hasattr(matcher, "_buffer"):
        raise ValueError("only a matcher as built is saved, not one changed an entry at a time")
    ids = table.ids
    sentences, before = [], None
    for s in matcher.sentences:
        # "before" is the sentence before it in the same passage, so only whether it has one is kept.
        follows = before is not None and before.passage == s.passage and s.before == before.text
        if not follows and s.before:
            raise ValueError("a sentence read with one that does not come before it")
        sentences.append([s.passage.source, s.passage.number, s.text, ids(s.terms), int(follows)])
        before = s
    df = {t: round(matcher.documents / math.expm1(idf)) for t, idf in matcher.idf.items()}
    return {
        "authors": {sid: ids(terms) for sid, terms in matcher.authors.items()},
        "titles": {sid: [[table.place(t) for t in name] for name in names] for sid, names in matcher.titles.items()},
        "sentences": sentences,
        "passage_terms": [[sid, number, ids(terms)] for (sid, number), terms in matcher.passage_terms.items()],
        "documents": matcher.documents,
        "df": [[table.place(t) for t in df], list(df.values())],
        "unknown_weight": matcher.unknown_weight,
        "common": ids(matcher.common),
        "known_words": ids(matcher.known_words),
        "surface": [table.place(w) for w in matcher.surface],
        "own_words": ids(matcher.own_words),
        "known_stems": ids(matcher.known_stems),
        "names": ids(matcher.names),
        "vocabulary": [table.place(w) for w in matcher.vocabulary],
        "entries": len(matcher.profiles),
        "rows": len(matcher.vectors),  # its phrasing vectors' rows in PHRASINGS
        "has_sentences": matcher.has_sentences,
        "entry_terms": ids(matcher.entry_terms),
        "sentence_terms": ids(matcher.sentence_terms),
        "profiles": [[p.entry.id, [list(map(table.place, q)) for q in p.phrasings], list(p.phrasing_weights),
                      ids(p.support),
                      sorted(matcher.supplied(p))] for p in matcher.profiles],
    }


def _read(terms: list[str], ids: list[int]) -> frozenset[str]:
    """A set of terms from their places in the snapshot's table."""
    return frozenset(map(terms.__getitem__, ids))


class _CachedMatcher(Matcher):
    """A matcher read back from the cache, which builds its sentences and its entries' index the
    first time a question needs them. With many texts served, a question is scored against the
    few whose bounds (`entry_terms`, `sentence_terms`, read back at once) allow an answer: the
    rest are never built, and a start from the cache builds none."""

    _LATER: ClassVar[dict[str, str]] = {
        "sentences": "_sentences", "sentences_by_term": "_sentences", "passage_terms": "_sentences",
        "profiles": "_entries", "index_of": "_entries", "by_term": "_entries"}
    _building = threading.Lock()

    def __getattr__(self, name: str) -> Any:  # only for attributes not built yet
        part = self._LATER.get(name)
        if part is None:
            raise AttributeError(name)
        with self._building:  # two questions at once build it once
            if name not in self.__dict__:
                data, terms, entries, passages, later = self.__dict__["_saved"]
                if "profiles" not in data:  # this text's part of the later file, read once
                    start, length = data["later"]
                    data.update(json.loads(bytes(later[start : start + length]).decode("utf-8")))
                getattr(self, f"_build{part}")(data, terms, entries, passages)
                if all(built in self.__dict__ for built in self._LATER):
                    del self.__dict__["_saved"]  # all built: the data read back is no longer needed
        return self.__dict__[name]

    def _build_sentences(self, data: dict[str, Any], terms: list[str], entries: dict[str, Entry],
                         passages: dict[tuple[str, int], Passage]) -> None:
        built: list[Sentence] = []
        for source, number, text, ids, follows in data["sentences"]:
            before = built[-1] if follows else None
            built.append(Sentence(passages[(source, number)], text, _read(terms, ids),
                                  before.text if before else "", before.terms if before else frozenset()))
        by_term: dict[str, list[int]] = {}
        for i, sentence in enumerate(built):
            for term in sentence.terms | sentence.before_terms:
                by_term.setdefault(term, []).append(i)
        self.passage_terms = {(source, number): _read(terms, ids) for source, number, ids in data["passage_terms"]}
        self.sentences_by_term, self.sentence_terms = by_term, by_term.keys()
        self.sentences = built

    def _build_entries(self, data: dict[str, Any], terms: list[str], entries: dict[str, Entry],
                       passages: dict[tuple[str, int], Passage]) -> None:
        profiles = [_Profile(entries[entry_id], tuple(tuple(map(terms.__getitem__, q)) for q in phrasings),
                             tuple(weights), _read(terms, support), frozenset(supplies))
                    for entry_id, phrasings, weights, support, supplies in data["profiles"]]
        by_term: dict[str, list[int]] = {}
        for i, profile in enumerate(profiles):
            for term in profile.support:
                by_term.setdefault(term, []).append(i)
        self.index_of = {p.entry.id: i for i, p in enumerate(profiles)}
        self.by_term, self.entry_terms = by_term, by_term.keys()
        self.profiles = profiles


def _matcher_from(data: dict[str, Any], terms: list[str], kb: KnowledgeBase, sid: str, entries: dict[str, Entry],
                  passages: dict[tuple[str, int], Passage], later: mmap.mmap | bytes,
                  arrays: dict[str, np.ndarray]) -> Matcher:
    def read(ids: list[int]) -> frozenset[str]:
        return _read(terms, ids)

    m = _CachedMatcher.__new__(_CachedMatcher)
    m._saved = (data, terms, entries, passages, later)
    m.vocab = Vocabulary.shared(kb.synonyms_for(sid))
    m.authors = {source: read(ids) for source, ids in data["authors"].items()}
    m.titles = {source: tuple(tuple(map(terms.__getitem__, name)) for name in names)
                for source, names in data["titles"].items()}
    m.has_sentences = data["has_sentences"]
    m.sentence_terms = read(data["sentence_terms"])
    m.entry_terms = read(data["entry_terms"])
    m.documents = data["documents"]
    log, documents = math.log, m.documents
    m.idf = {terms[t]: log(1 + documents / c) for t, c in zip(*data["df"], strict=True)}  # as Matcher does
    m.unknown_weight = data["unknown_weight"]
    m.common = read(data["common"])
    m.known_words = read(data["known_words"])
    m.own_words = read(data["own_words"])
    m.surface = list(map(terms.__getitem__, data["surface"]))  # in order as written: sorting it again is slow
    SPELLINGS.add(m.surface)
    m.known_stems = set(read(data["known_stems"]))
    m.names = read(data["names"])
    m.retired, m.added_df, m.added_words, m.added_stems = set(), {}, {}, {}
    m.selective_df = max(SELECTIVE_MIN, data["entries"] // SELECTIVE_SHARE)
    m.vocabulary = [terms[w] for w in data["vocabulary"]]
    m.word_rows = embedder().words.rows(m.vocabulary)
    m.vectors, m.starts = arrays["vectors"], arrays["starts"]
    if "sentence_vectors" in arrays:
        m._sentence_vectors = arrays["sentence_vectors"]
    m._repair = lru_cache(maxsize=8192)(m._repair_uncached)
    m._kinship = lru_cache(maxsize=8192)(m._kinship_uncached)
    m._names_in = lru_cache(maxsize=8192)(m._names_in_uncached)
    return m
