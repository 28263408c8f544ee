"""A cache of built engines, so a large knowledge base starts in a fraction of its load time.

The cache holds the validated knowledge and its index as plain data (`snapshot.py`: JSON and
numpy arrays, never pickles, so reading a cache file cannot run code), in a folder named from
every knowledge file (path, size, modification time) and from the source of this package: any
edit to the knowledge or to the code that builds the index misses the cache. Only knowledge
that loaded without errors is cached. The folder is created private to the user.

A cache is written in a thread of its own while the engine already serves (`wait_for_cache`
waits for it): at 10,000 entries writing it takes an eighth of a cold start.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from . import snapshot
from .collector import collector_paused
from .engine import Engine
from .loader import load_knowledge
from .text import remembering_words

log = logging.getLogger(__name__)
_PACKAGE = Path(__file__).resolve().parent
# A scratch folder of a cache being written that is this old (seconds) was left by a stopped process.
STALE_SCRATCH_S = 3600


def cache_dir() -> Path:
    """$CITEBOT_CACHE, else $XDG_CACHE_HOME/citebot, else ~/.cache/citebot."""
    chosen = os.environ.get("CITEBOT_CACHE")
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "citebot"


def _folder_key(root: Path) -> str:
    return hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]


def fingerprint(root: Path) -> str:
    """Changes whenever a knowledge file or this package's code does."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.glob("*.py")):
        digest.update(path.read_bytes())
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:32]


def load_engine(root: Path | str, *, use_cache: bool = True) -> Engine:
    """The engine for a knowledge folder, from the cache when nothing has changed.

    Raises KnowledgeError, as load_knowledge does, when the folder has errors.
    """
    with collector_paused(), remembering_words():
        return _load_engine(Path(root), use_cache)


def _load_engine(root: Path, use_cache: bool) -> Engine:
    if not use_cache or not root.is_dir():
        return Engine(load_knowledge(root))
    try:
        path = cache_dir() / f"engine-{_folder_key(root)}-{fingerprint(root)}"
    except OSError as exc:  # a file vanished while being listed: build without the cache
        log.debug("knowledge cache skipped: %s", exc)
        return Engine(load_knowledge(root))
    if path.is_dir():
        try:
            return snapshot.load(path)
        except Exception as exc:  # a damaged or foreign cache is rebuilt, never trusted
            log.info("rebuilding the knowledge cache (%s)", exc)
    engine = Engine(load_knowledge(root))
    _store_later(engine, path)
    return engine


_writing: set[threading.Thread] = set()
_writing_lock = threading.Lock()


def _store_later(engine: Engine, path: Path) -> None:
    """Write the cache without keeping the engine from serving. The thread is no daemon: a process
    that exits at once (`citebot ask`) still leaves the cache whole for the next start."""
    def write() -> None:
        try:
            # One at a time, in the order the loads ended: a reload's newer version must not be
            # written before an older one still being written, which would then outlive it.
            for earlier in before:
                earlier.join()
            # Paused as the load was: a collection now would walk the whole engine, again and again
            # as the written data grows.
            with collector_paused():
                _store(engine, path)
        except Exception:  # a cache is a convenience: a failure to write one never stops the engine
            log.exception("could not write the knowledge cache at %s", path)
        finally:
            with _writing_lock:
                _writing.discard(threading.current_thread())

    thread = threading.Thread(target=write, name="citebot-cache-writer")
    with _writing_lock:
        before = list(_writing)
        _writing.add(thread)
    thread.start()


def wait_for_cache(timeout: float | None = None) -> bool:
    """Wait until every cache being written is written; False if `timeout` (seconds) ran out first."""
    with _writing_lock:
        pending = list(_writing)
    for thread in pending:
        thread.join(timeout)
    return not any(t.is_alive() for t in pending)


def last_good_engine(root: Path | str) -> tuple[Engine, float] | None:
    """The engine of the last version of this folder that loaded without errors, as the cache kept
    it, and when it was written (a timestamp); None when there is none this code can read. Only
    knowledge without errors is ever cached, and a new version replaces the old only once it loads.
    A cache this process is still writing is waited for: it may be that version."""
    wait_for_cache()
    try:
        kept = sorted((p for p in cache_dir().glob(f"engine-{_folder_key(Path(root))}-*") if p.is_dir()),
                      key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for path in kept:
        try:
            with collector_paused():
                return snapshot.load(path), path.stat().st_mtime
        except Exception as exc:  # written by another version of the code, or damaged: not served
            log.debug("the cached knowledge at %s cannot be read (%s)", path, exc)
    return None


def _store(engine: Engine, path: Path) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = path.name.split("-")[1]
        for old in path.parent.glob(f"engine-{folder}-*"):  # this folder's older versions; others keep theirs
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)  # a pickle from before the cache held plain data
        for stale in path.parent.glob(".tmp-*"):
            # Left by a process stopped while writing (another may be writing one now: only old ones).
            with contextlib.suppress(OSError):
                if time.time() - stale.stat().st_mtime > STALE_SCRATCH_S:
                    shutil.rmtree(stale, ignore_errors=True)
        scratch = Path(tempfile.mkdtemp(dir=path.parent, prefix=".tmp-"))
        try:
            snapshot.save(engine, scratch)
            try:
                os.replace(scratch, path)  # whole or not at all: a reader never sees half a cache
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not path.is_dir():
                    raise
                shutil.rmtree(scratch, ignore_errors=True)  # another start wrote the same cache first: it serves
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
    except (OSError, ValueError) as exc:
        # Said, not hidden: every start then reads and indexes the whole knowledge again.
        log.warning("could not write the knowledge cache at %s (%s); every start reads the knowledge afresh "
                    "(set CITEBOT_CACHE to a writable folder)", path.parent, exc)
