"""The semantic signal: sentence vectors from static word-piece embeddings.

A question's vector is the mean of its word pieces' rows in a table distilled from
all-MiniLM-L6-v2 (see data/minilm-static/README.md), normalised, so that the cosine of two
vectors says how alike two sentences are in meaning even when they share no word: "did the
army grab the islands" lands near "When did Russia seize the islands?". It needs numpy and
the tokenizers library, never torch or the network, and embeds a question in microseconds.
"""

from __future__ import annotations

import itertools
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "data" / "minilm-static"
# Chunks split per call of the tokenizer, and texts summed per gather: each bounds a temporary
# array (rows x 256 floats) to a few MB, which stays in the processor's cache.
EMBED_CHUNK = 2048
GATHER = 256
# Questions remembered by embed_one: one question is embedded once, however many texts are served.
RECENT_TEXTS = 64
# Words whose closeness to every word of the knowledge is remembered: a question's unknown words.
RECENT_WORDS = 256


class Embedder:
    """Turns texts into unit vectors; texts with no known word piece get the zero vector."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        import numpy as np
        from tokenizers import Tokenizer

        self._np = np
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        # Mapped from the file, read as a plain array: a memmap's own indexing costs a question 10 µs.
        self.table = np.asarray(np.load(folder / "embeddings.npy", mmap_mode="r"))
        self.dimensions = int(self.table.shape[1])
        self._unknown = self.tokenizer.token_to_id("[UNK]")
        self.words = WordTable(self)
        self._recent = lru_cache(maxsize=RECENT_TEXTS)(self._embed_one_uncached)

    def embed(self, texts: list[str]) -> np.ndarray:
        """An (n, dimensions) float32 array of unit vectors, one per text.

        Word pieces never cross whitespace, so a text's pieces are its whitespace-separated chunks'
        pieces in turn: each distinct chunk is split and summed once, however many texts use it
        (the phrasings of ten thousand entries share most of their words), and a text's vector is
        its chunks' sums over its number of pieces.
        """
        np = self._np
        # Every text's chunks in one list, numbered in the order they first appear; made by builtins
        # over whole lists, not a Python loop per chunk (the build embeds in a thread of its own, and
        # bytecode would hold the GIL the matchers being built meanwhile need).
        split = [text.split() for text in texts]
        every = list(itertools.chain.from_iterable(split))
        number = {chunk: at for at, chunk in enumerate(dict.fromkeys(every))}
        flat = np.fromiter(map(number.__getitem__, every), dtype=np.int64, count=len(every))
        lengths = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
        ends = np.cumsum(lengths)
        sums, counts = self._chunk_sums(list(number))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), GATHER):
            rows = start + np.flatnonzero(lengths[start : start + GATHER])
            if not len(rows):
                continue
            first = ends[rows[0]] - lengths[rows[0]]
            part = flat[first : ends[rows[-1]]]
            at = ends[rows] - lengths[rows] - first
            totals = np.add.reduceat(counts[part], at)
            out[rows] = np.add.reduceat(sums[part], at, axis=0) / np.maximum(totals, 1)[:, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    def _chunk_sums(self, chunks: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each chunk's word-piece rows summed, and how many pieces it has ([UNK] left out)."""
        np = self._np
        sums = np.zeros((len(chunks), self.dimensions), dtype=np.float32)
        counts = np.zeros(len(chunks), dtype=np.float32)
        for start in range(0, len(chunks), EMBED_CHUNK):
            encoded = self.tokenizer.encode_batch(chunks[start : start + EMBED_CHUNK], add_special_tokens=False)
            ids = [[i for i in encoding.ids if i != self._unknown] for encoding in encoded]
            rows = [row for row, pieces in enumerate(ids) if pieces]
            if not rows:
                continue
            flat = np.fromiter((i for row in rows for i in ids[row]), dtype=np.int64)
            lengths = np.fromiter((len(ids[row]) for row in rows), dtype=np.int64, count=len(rows))
            where = start + np.array(rows)
            sums[where] = np.add.reduceat(self.table[flat], np.cumsum(lengths) - lengths, axis=0, dtype=np.float32)
            counts[where] = lengths
        return sums, counts

    def embed_one(self, text: str) -> np.ndarray:
        """One text's vector; the last few are remembered, since every text's matcher asks for the
        question's (read-only: the array is shared)."""
        return self._recent(text)

    def _embed_one_uncached(self, text: str) -> np.ndarray:
        # One text is split in one call and its rows summed at once: `embed`'s grouping by chunk
        # pays for itself over many texts, and costs a question five times the time.
        np = self._np
        pieces = [i for i in self.tokenizer.encode(text, add_special_tokens=False).ids if i != self._unknown]
        vector = np.zeros(self.dimensions, dtype=np.float32)
        if pieces:
            vector = self.table[pieces].sum(axis=0, dtype=np.float32)
            norm = float(np.sqrt(vector @ vector))
            vector = vector / norm if norm > 0 else vector
        vector.flags.writeable = False
        return vector


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The shipped embedder, loaded once per process on first use."""
    return Embedder()


class WordTable:
    """Single words' vectors in one matrix that every text's matcher shares, each word embedded once.

    A matcher keeps only the rows of its own words; how close a word is in meaning to a text's
    words is then one product with the whole table, remembered for the last few words asked,
    and the text's rows picked out of it.
    """

    def __init__(self, embedder: Embedder) -> None:
        import numpy as np

        self._np = np
        self._embedder = embedder
        self._index: dict[str, int] = {}
        self._buffer = np.zeros((0, embedder.dimensions), dtype=np.float32)
        self._size = 0
        self._similar = lru_cache(maxsize=RECENT_WORDS)(self._similarities)
        self._lock = threading.Lock()

    @property
    def words(self) -> list[str]:
        return list(self._index)  # in row order: rows are handed out in insertion order

    @property
    def matrix(self) -> np.ndarray:
        return self._buffer[: self._size]

    def rows(self, words: list[str]) -> np.ndarray:
        """The rows of these words, embedding the ones not in the table yet."""
        np = self._np
        missing = [w for w in dict.fromkeys(words) if w not in self._index]
        if missing:
            self.adopt(missing, self._embedder.embed(missing))
        return np.fromiter((self._index[w] for w in words), dtype=np.int32, count=len(words))

    def vectors(self, words: list[str]) -> np.ndarray:
        """These words' vectors, a copy (the table may grow meanwhile: questions are read in threads)."""
        rows = self.rows(words)
        with self._lock:
            return self._buffer[rows]

    def adopt(self, words: list[str], vectors: np.ndarray) -> None:
        """Take words with their vectors as computed elsewhere (a cache); known words are kept as they are."""
        with self._lock:  # two threads adding words at once would hand out the same rows
            self._adopt(words, vectors)

    def _adopt(self, words: list[str], vectors: np.ndarray) -> None:
        np = self._np
        new = [(w, v) for w, v in zip(words, vectors, strict=True) if w not in self._index]
        if not new:
            return
        needed = self._size + len(new)
        if needed > len(self._buffer):  # grown by doubling: a hundred texts add their words one by one
            grown = np.zeros((max(needed, 2 * len(self._buffer)), self._embedder.dimensions), dtype=np.float32)
            grown[: self._size] = self._buffer[: self._size]
            self._buffer = grown
        for word, vector in new:
            self._index[word] = self._size
            self._buffer[self._size] = vector
            self._size += 1
        self._similar.cache_clear()

    def kinship(self, word: str, rows: np.ndarray) -> float:
        """The cosine between a word and the closest of these rows' words."""
        if not len(rows):
            return 0.0
        return float(self._similar(word)[rows].max())

    def _similarities(self, word: str) -> np.ndarray:
        return self.matrix @ self._embedder.embed_one(word)
