"""What English words are, and how common: word knowledge from wordfreq.

The matcher asks two things of it. Is a word the knowledge base does not know a real word
("sell", "pact") or a slip of the keyboard ("vladivostock")? Only slips are repaired. And how
much does a real but unknown word say about the question's topic? A common one ("gonna",
"waste", "lol") says little; a rare one ("photosynthesis", "pancakes") says the question is
about something else.

wordfreq's own lookup takes about 0.2 s to import and load, too much for a one-shot
`citebot ask`; the words this module needs (every plain word down to RAREST_ZIPF) are kept
as a small JSON table in the cache folder, keyed on wordfreq's version (read from the name of
its installed metadata folder, without importing wordfreq), and loaded in ~20 ms.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

# Words at least this common in English (Zipf scale) are everyday words: they say little of a
# question's topic however rare they are in one text.
EVERYDAY_ZIPF = 5.6

log = logging.getLogger(__name__)

# wordfreq's Zipf scale: log10 of a word's frequency per billion words. "the" is 7.7, "japan"
# 5.2, "pancakes" 3.6, "photosynthesis" 3.0. Words rarer than this are not kept: to a chat
# question they are as good as unknown.
RAREST_ZIPF = 2.0
# A word at least this common is a real word, never a typo to repair: "pact" (3.7) stays
# "pact" instead of becoming "pace". Misspellings frequent enough to pass this are rare.
REAL_WORD_ZIPF = 3.0
# A word that is not a real word, one slip (a letter added, dropped, changed or two swapped) from
# an everyday word at least SLIP_GAP more common (100 times on the Zipf scale), is that word
# mistyped: "kno" (2.6) is "know" (6.1), "whn" is "when", "tryng" is "trying". The first letter
# is taken to be right, as it nearly always is: "kno" is not "no", nor "pho" "who".
SLIP_TARGET_ZIPF = 4.5
SLIP_GAP = 2.0
# ... and one past REAL_WORD_ZIPF, when it is a slip from one of the smallest words, which are
# ten thousand times commoner: "teh" (3.0) from "the" (7.7). "Thaw" (3.2) is not "that" (7.0).
STOPWORD_SLIP_GAP = 4.0
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def zipf(word: str) -> float:
    """How common a lowercase English word is (0 for unknown words and non-words)."""
    return _table().get(word, 0) / 10


def is_real_word(word: str) -> bool:
    return zipf(word) >= REAL_WORD_ZIPF


@lru_cache(maxsize=4096)
def slip_of(word: str) -> str | None:
    """The everyday English word a non-word is one slip away from, if one clearly is: the most
    common of those at least SLIP_GAP more common than the word itself. None for real words."""
    own = zipf(word)
    if own >= REAL_WORD_ZIPF or not word.isalpha() or not word.isascii():
        return None
    table = _table()
    best = min(slips(word), key=lambda candidate: (-table.get(candidate, 0), candidate))
    return best if table.get(best, 0) >= max(SLIP_TARGET_ZIPF, own + SLIP_GAP) * 10 else None


@lru_cache(maxsize=8192)
def slip_into(word: str, targets: frozenset[str]) -> str | None:
    """The word of `targets` (the small words every question has) that a word listed as English
    is one slip away from and far commoner than (STOPWORD_SLIP_GAP): "teh" is "the", though
    typed often enough to be counted as a word itself. None if there is none."""
    if not word.isalpha() or not word.isascii():
        return None
    table = _table()
    own = zipf(word)
    found = [c for c in slips(word) if c in targets]
    best = max(found, key=lambda candidate: (table.get(candidate, 0), candidate), default=None)
    return best if best is not None and table.get(best, 0) >= (own + STOPWORD_SLIP_GAP) * 10 else None


@lru_cache(maxsize=4096)
def slips(word: str) -> frozenset[str]:
    """Every string one slip from `word` (`_one_slip`), remembered."""
    return frozenset(_one_slip(word))


def _one_slip(word: str) -> set[str]:
    """Every string one letter added, dropped, changed or two neighbours swapped from `word`,
    its first letter kept."""
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    found.update(a + c + b[1:] for a, b in splits if b for c in _LETTERS)
    found.update(a + c + b for a, b in splits for c in _LETTERS)
    found.discard(word)
    return found


@lru_cache(maxsize=1)
def _table() -> dict[str, int]:
    version = _wordfreq_version()
    if version is None:  # pragma: no cover - a declared dependency
        log.warning("wordfreq is not installed: every word the text does not use counts as rare")
        return {}
    from .cache import cache_dir

    path = cache_dir() / f"words-en-{version}-{RAREST_ZIPF}.json"
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(table, dict):
            return table
    except (OSError, ValueError):
        pass
    table = _build()
    _store(table, path)
    return table


def _wordfreq_version() -> str | None:
    """wordfreq's installed version: the name of its one metadata folder beside the package, or
    (for other layouts) importlib.metadata, whose import alone costs a one-shot ask 20 ms."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    found = list(Path(spec.origin).parent.parent.glob("wordfreq-*.dist-info"))
    if len(found) == 1:
        return found[0].name.removeprefix("wordfreq-").removesuffix(".dist-info")
    from importlib import metadata

    try:
        return metadata.version("wordfreq")
    except metadata.PackageNotFoundError:
        return None


def _build() -> dict[str, int]:
    """Every plain word with its Zipf value in tenths, as `wordfreq.zipf_frequency` gives it
    (log10 of the frequency per billion words, to two places), read off wordfreq's own table,
    which lists its words in buckets of one centibel each: every word of the bucket at index i is
    at 9 - i/100 on the Zipf scale. Asking `zipf_frequency` word by word tokenizes each again and
    took 1.7 s of the first run after an install; this takes a few tens of milliseconds."""
    import wordfreq

    table: dict[str, int] = {}
    for index, bucket in enumerate(wordfreq.get_frequency_list("en", "large")):
        zipf = round(9 - index / 100, 2)
        if zipf < RAREST_ZIPF:
            break
        value = round(zipf * 10)
        table.update((word, value) for word in bucket if word.isascii() and word.isalpha())
    return table


def _store(table: dict[str, int], path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp",
                                         encoding="utf-8") as handle:
            handle.write(json.dumps(table, separators=(",", ":")))  # json.dump would encode in Python, piece by piece
        os.replace(handle.name, path)
    except OSError as exc:
        log.debug("could not write the word table at %s: %s", path, exc)
