"""A second opinion on meaning: all-MiniLM-L6-v2 itself, run in numpy.

The static table of `semantic.py` averages word pieces, so it cannot tell "put pen to" from
"pen" or hear "patch things up" as "reconcile". The transformer it was distilled from can: it
reads each word in its sentence. It is about a thousand times slower (a few milliseconds a
question on two cores), so the engine asks it only when it is unsure: to choose among the
entries it is about to suggest or those nearest in meaning (`Engine._second_opinion`), and to
confirm a sentence of a text nobody has curated yet (`Engine._agreed`).

The weights are MiniLM's own (Apache-2.0, see data/minilm/LICENSE), stored as float16 in
data/minilm/encoder.npz by `tools/make_encoder.py`, beside MiniLM's own tokenizer, and read on
first use. The forward pass is BERT's: embeddings, six layers of self-attention and a
feed-forward block, each followed by layer normalisation, and the mean of the last layer over
the sentence's tokens, normalised. Only numpy and the tokenizers library are needed; no torch,
no download.
"""

from __future__ import annotations

import logging
import math
import sqlite3
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from threading import Lock

import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "data" / "minilm" / "encoder.npz"
TOKENIZER = Path(__file__).resolve().parent / "data" / "minilm" / "tokenizer.json"
HEADS = 12
LAYERS = 6
# Questions and phrasings are short; anything longer is cut here (MiniLM was trained on 128).
MAX_TOKENS = 128
LAYER_NORM_EPS = 1e-12
# Sentences remembered in memory with their vectors: a knowledge base's phrasings, once each.
REMEMBERED = 8192
# Sentences read per forward pass, shortest first so that little is padding.
BATCH = 32

log = logging.getLogger(__name__)
_GELU = math.sqrt(2 / math.pi)


class Encoder:
    """Sentence vectors from MiniLM; thread-safe, remembers the sentences it has read."""

    def __init__(self, weights: Path = WEIGHTS, tokenizer: Path = TOKENIZER, shelf: Path | None = None) -> None:
        from tokenizers import Tokenizer

        with np.load(weights, allow_pickle=False) as stored:
            # The word-piece table is most of the weights and only a few rows of it are read per
            # sentence: it stays float16, and the rows are widened as they are read.
            self.w = {name: stored[name] if name == "word" else stored[name].astype(np.float32)
                      for name in stored.files}
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.dimensions = int(self.w["word"].shape[1])
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = Lock()
        self._shelf = _Shelf.open(shelf, self.dimensions) if shelf else None

    def embed(self, texts: list[str]) -> np.ndarray:
        """An (n, dimensions) array of unit vectors, one per text; a text read before is not read again."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            known = {t: self._memo[t] for t in texts if t in self._memo}
            for text in known:
                self._memo.move_to_end(text)
            missing = [t for t in dict.fromkeys(texts) if t not in known]
            found = self._shelf.get(missing) if missing and self._shelf else {}
        read = {}
        unread = sorted((t for t in missing if t not in found), key=len)
        for start in range(0, len(unread), BATCH):
            chunk = unread[start : start + BATCH]
            read.update(zip(chunk, self._forward(chunk), strict=True))
        with self._lock:
            if read and self._shelf:
                self._shelf.put(read)
            for text, vector in (*found.items(), *read.items()):
                self._memo[text] = known[text] = vector
            while len(self._memo) > REMEMBERED:
                self._memo.popitem(last=False)
        return np.stack([known[t] for t in texts])

    def _forward(self, texts: list[str]) -> np.ndarray:
        w = self.w
        encodings = self.tokenizer.encode_batch(texts, add_special_tokens=True)
        lengths = [len(e.ids) for e in encodings]
        n, width = len(texts), max(lengths)
        ids = np.zeros((n, width), dtype=np.int64)
        mask = np.zeros((n, width), dtype=np.float32)
        for row, encoding in enumerate(encodings):
            ids[row, : lengths[row]] = encoding.ids
            mask[row, : lengths[row]] = 1.0
        x = w["word"][ids].astype(np.float32) + w["position"][:width] + w["type"][0]
        x = _layer_norm(x, w["embed_norm_g"], w["embed_norm_b"])
        blocked = (1.0 - mask)[:, None, None, :] * -1e9  # padding is never attended to
        size = self.dimensions // HEADS
        for layer in range(LAYERS):
            p = f"l{layer}_"
            qkv = x @ w[p + "qkv_w"] + w[p + "qkv_b"]  # (n, width, 3 * dims)
            q, k, v = (qkv[..., i * self.dimensions : (i + 1) * self.dimensions]
                       .reshape(n, width, HEADS, size).transpose(0, 2, 1, 3) for i in range(3))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(size) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(0, 2, 1, 3).reshape(n, width, self.dimensions)
            x = _layer_norm(x + attended @ w[p + "out_w"] + w[p + "out_b"], w[p + "norm1_g"], w[p + "norm1_b"])
            hidden = x @ w[p + "up_w"] + w[p + "up_b"]
            hidden = 0.5 * hidden * (1.0 + np.tanh(_GELU * (hidden + 0.044715 * hidden * hidden * hidden)))
            x = _layer_norm(x + hidden @ w[p + "down_w"] + w[p + "down_b"], w[p + "norm2_g"], w[p + "norm2_b"])
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out = (pooled / np.where(norms > 0, norms, 1.0)).astype(np.float32)
        out.flags.writeable = False
        return out


class _Shelf:
    """Vectors of sentences read before, in a SQLite file of the cache folder: a phrasing is read
    once per machine, not once per process."""

    def __init__(self, db: sqlite3.Connection, dimensions: int) -> None:
        self.db = db
        self.dimensions = dimensions

    @classmethod
    def open(cls, path: Path, dimensions: int) -> _Shelf | None:
        for attempt in range(2):
            db = None
            try:
                path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS vectors (text TEXT PRIMARY KEY, vector BLOB NOT NULL)")
                db.execute("SELECT count(*) FROM vectors LIMIT 1").fetchone()
                return cls(db, dimensions)
            except sqlite3.DatabaseError as exc:
                if db is not None:
                    db.close()
                damaged = "not a database" in str(exc) or "malformed" in str(exc)
                if attempt or not damaged or not path.exists():
                    log.debug("sentence vectors are not kept on disk (%s): %s", path, exc)
                    return None
                # A damaged file is only a cache of what MiniLM read: start it again.
                log.info("the sentence-vector cache %s was damaged (%s); starting it again", path, exc)
                for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                    stale.unlink(missing_ok=True)
            except (OSError, sqlite3.Error) as exc:
                log.debug("sentence vectors are not kept on disk (%s): %s", path, exc)
                return None
        return None

    def get(self, texts: list[str]) -> dict[str, np.ndarray]:
        found = {}
        try:
            for start in range(0, len(texts), 500):
                chunk = texts[start : start + 500]
                rows = self.db.execute(f"SELECT text, vector FROM vectors WHERE text IN ({','.join('?' * len(chunk))})",
                                       chunk)
                for text, blob in rows:
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (self.dimensions,):  # anything else is not ours: read it again
                        found[text] = vector
        except sqlite3.Error as exc:
            log.debug("could not read sentence vectors: %s", exc)
        return found

    def put(self, vectors: dict[str, np.ndarray]) -> None:
        try:
            self.db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                ((t, v.astype(np.float32).tobytes()) for t, v in vectors.items()))
        except sqlite3.Error as exc:
            log.debug("could not keep sentence vectors: %s", exc)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + LAYER_NORM_EPS) * gain + bias


@lru_cache(maxsize=1)
def encoder() -> Encoder | None:
    """The shipped encoder, loaded on first use; None (logged once) when its weights are missing."""
    from .cache import cache_dir

    try:
        stat = WEIGHTS.stat()  # other weights (a rebuilt or upgraded model) keep vectors of their own
        return Encoder(shelf=cache_dir() / f"sentences-minilm-{stat.st_size}-{stat.st_mtime_ns}.sqlite3")
    except (OSError, ValueError, KeyError) as exc:
        log.warning("the MiniLM encoder is unavailable (%s): unsure questions get suggestions only", exc)
        return None
