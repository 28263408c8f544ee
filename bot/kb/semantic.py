"""The semantic signal: sentence vectors from static word-piece embeddings.

A question's vector is the mean of its word pieces' rows in a table distilled from
all-MiniLM-L6-v2 (see data/minilm-static/README.md), normalised, so that the cosine of two
vectors says how alike two sentences are in meaning even when they share no word: "did the
army grab the islands" lands near "When did Russia seize the islands?". It needs numpy and
the tokenizers library, never torch or the network, and embeds a question in microseconds.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

MODEL_DIR = Path(__file__).resolve().parent / "data" / "minilm-static"
# Texts embedded per gather: bounds the temporary array (pieces x 256 floats) to a few MB.
EMBED_CHUNK = 2048
# Questions remembered by embed_one: one question is embedded once, however many texts are served.
RECENT_TEXTS = 64


class Embedder:
    """Turns texts into unit vectors; texts with no known word piece get the zero vector."""

    def __init__(self, folder: Path = MODEL_DIR) -> None:
        import numpy as np
        from tokenizers import Tokenizer

        self._np = np
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.table = np.load(folder / "embeddings.npy", mmap_mode="r")
        self.dimensions = int(self.table.shape[1])
        self._unknown = self.tokenizer.token_to_id("[UNK]")
        self._words: dict[str, np.ndarray] = {}
        self._recent = lru_cache(maxsize=RECENT_TEXTS)(self._embed_one_uncached)

    def embed(self, texts: list[str]) -> np.ndarray:
        """An (n, dimensions) float32 array of unit vectors, one per text."""
        np = self._np
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), EMBED_CHUNK):
            chunk = self.tokenizer.encode_batch(texts[start : start + EMBED_CHUNK], add_special_tokens=False)
            ids = [[i for i in encoding.ids if i != self._unknown] for encoding in chunk]
            rows = [row for row, pieces in enumerate(ids) if pieces]
            if not rows:
                continue
            # One gather and one sum per chunk: each text's pieces are a run of the gathered rows.
            flat = np.fromiter((i for row in rows for i in ids[row]), dtype=np.int64)
            counts = np.array([len(ids[row]) for row in rows])
            sums = np.add.reduceat(self.table[flat].astype(np.float32), np.cumsum(counts) - counts, axis=0)
            out[start + np.array(rows)] = sums / counts[:, None]
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    def embed_words(self, words: list[str]) -> np.ndarray:
        """`embed` for single words, remembered: every text's matcher embeds the shared vocabulary."""
        np = self._np
        missing = [w for w in dict.fromkeys(words) if w not in self._words]
        if missing:
            self._words.update(zip(missing, self.embed(missing), strict=True))
        if not words:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return np.stack([self._words[w] for w in words])

    def embed_one(self, text: str) -> np.ndarray:
        """One text's vector; the last few are remembered, since every text's matcher asks for the
        question's (read-only: the array is shared)."""
        return self._recent(text)

    def _embed_one_uncached(self, text: str) -> np.ndarray:
        vector = self.embed([text])[0]
        vector.flags.writeable = False
        return vector


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The shipped embedder, loaded once per process on first use."""
    return Embedder()
