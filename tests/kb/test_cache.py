import os

import pytest

from bot.kb import KnowledgeError
from bot.kb.cache import cache_dir, load_engine
from tests.conftest import SMALL_ENTRIES, write_knowledge


def test_an_unchanged_folder_is_served_from_the_cache(tmp_path, monkeypatch):
    root = write_knowledge(tmp_path / "k")
    first = load_engine(root)
    monkeypatch.setattr("bot.kb.cache.load_knowledge", lambda root: pytest.fail("loaded again"))
    again = load_engine(root)
    assert again.ask("when was the weir built").entry.id == first.ask("when was the weir built").entry.id
    assert again.ask("wher was the wier built").kind == "curated"  # typo repair works after unpickling


def test_an_edit_is_seen_at_once(tmp_path):
    root = write_knowledge(tmp_path / "k")
    load_engine(root)
    path = root / "entries" / "tiny.yaml"
    path.write_text(SMALL_ENTRIES.replace("answer: In 2019.", "answer: In the year 2019."))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_engine(root).ask("when was the weir built").text == "In the year 2019."


def test_errors_are_never_cached(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))
    for _ in range(2):
        with pytest.raises(KnowledgeError):
            load_engine(root)
    assert not list(cache_dir().glob("engine-*.pickle"))


def test_an_unwritable_cache_only_means_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CITEBOT_CACHE", str(blocker / "cache"))
    assert load_engine(write_knowledge(tmp_path / "k")).ask("when was the weir built").kind == "curated"


def test_a_broken_cache_file_is_rebuilt(tmp_path):
    root = write_knowledge(tmp_path / "k")
    load_engine(root)
    [cached] = cache_dir().glob("engine-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert load_engine(root).ask("when was the weir built").kind == "curated"


def test_two_folders_keep_their_own_caches(tmp_path):
    load_engine(write_knowledge(tmp_path / "a"))
    load_engine(write_knowledge(tmp_path / "b"))
    assert len(list(cache_dir().glob("engine-*.pickle"))) == 2
