import gc
import os
import threading

import pytest

from bot.kb import KnowledgeError
from bot.kb.cache import cache_dir, load_engine, wait_for_cache
from bot.kb.collector import collector_paused
from tests.conftest import SMALL_ENTRIES, write_knowledge


def cached(root):
    """A start that leaves its cache written, as every start does once its writer is done."""
    engine = load_engine(root)
    assert wait_for_cache(30)
    return engine


def test_an_unchanged_folder_is_served_from_the_cache(tmp_path, monkeypatch):
    root = write_knowledge(tmp_path / "k")
    first = cached(root)
    monkeypatch.setattr("bot.kb.cache.load_knowledge", lambda root: pytest.fail("loaded again"))
    again = load_engine(root)
    assert again.ask("when was the weir built").entry.id == first.ask("when was the weir built").entry.id
    assert again.ask("wher was the wier built").kind == "curated"  # typo repair works when read back


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
    assert not list(cache_dir().glob("engine-*"))


def test_an_unwritable_cache_only_means_no_cache(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CITEBOT_CACHE", str(blocker / "cache"))
    assert cached(write_knowledge(tmp_path / "k")).ask("when was the weir built").kind == "curated"
    assert any("could not write the knowledge cache" in r.message and r.levelname == "WARNING"
               for r in caplog.records)  # said, since every start then reads the knowledge afresh


def test_a_cache_another_start_wrote_first_is_no_failure(tmp_path, monkeypatch, caplog):
    # Two starts of one folder at once: the one that finishes second finds the cache written.
    from bot.kb import cache, snapshot

    root = write_knowledge(tmp_path / "k")
    save = snapshot.save
    final = cache_dir() / f"engine-{cache._folder_key(root)}-{cache.fingerprint(root)}"

    def racing(engine, folder):
        save(engine, folder)
        final.mkdir()
        save(engine, final)

    monkeypatch.setattr(snapshot, "save", racing)
    with caplog.at_level("WARNING"):
        assert cached(root).ask("when was the weir built").kind == "curated"
    assert not any("could not write" in r.message for r in caplog.records)
    assert [p.name for p in cache_dir().iterdir()] == [final.name]  # the scratch copy is gone
    monkeypatch.setattr(snapshot, "save", save)
    monkeypatch.setattr("bot.kb.cache.load_knowledge", lambda root: pytest.fail("loaded again"))
    assert load_engine(root).ask("when was the weir built").kind == "curated"


@pytest.mark.parametrize(("name", "content"), [
    ("engine.json", b"not json"), ("engine.json", b'{"format": 0}'), ("vectors.npz", b"not numpy"),
    ("phrasings.npy", b"not numpy"), ("later.json", b"not json"), ("later.json", b""),
    ("phrasings.npy", b"\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (3, 384), }"
     + b" " * 40 + b"\n"),  # the vectors cut short
])
def test_a_broken_cache_file_is_rebuilt(tmp_path, name, content):
    root = write_knowledge(tmp_path / "k")
    cached(root)
    [folder] = cache_dir().glob("engine-*")
    (folder / name).write_bytes(content)
    assert load_engine(root).ask("when was the weir built").kind == "curated"


def test_the_cache_holds_only_plain_data(tmp_path):
    import pickle

    root = write_knowledge(tmp_path / "k")
    cached(root)
    [folder] = cache_dir().glob("engine-*")
    assert sorted(p.name for p in folder.iterdir()) == ["engine.json", "later.json", "phrasings.npy", "vectors.npz"]
    # A pickle put where the arrays belong is refused, never run: numpy reads arrays without pickles.
    (folder / "vectors.npz").write_bytes(pickle.dumps(object()))
    assert load_engine(root).ask("when was the weir built").kind == "curated"


def test_an_engine_read_back_is_the_engine_built(engine, tmp_path):
    from bot.kb import snapshot
    from bot.kb.evaluate import load_cases

    snapshot.save(engine, tmp_path)
    again = snapshot.load(tmp_path)
    assert again.kb.entries == engine.kb.entries and again.kb.prompts == engine.kb.prompts
    assert dict(again.kb.sources) == dict(engine.kb.sources) and again.kb.synonyms == engine.kb.synonyms
    assert again._details == engine._details  # read back as written, not worked out again from every phrasing
    later = {"sentences", "sentences_by_term", "passage_terms", "profiles", "index_of", "by_term"}
    for sid, matcher in engine.matchers.items():
        read_back = again.matchers[sid]
        assert not later & vars(read_back).keys()  # built when a question first needs them
        assert set(read_back.entry_terms) == set(matcher.entry_terms)  # what the bounds ask meanwhile
        assert set(read_back.sentence_terms) == set(matcher.sentence_terms)
        assert read_back.has_sentences == matcher.has_sentences
        assert read_back.profiles == matcher.profiles and read_back.by_term == matcher.by_term
        assert read_back.sentences == matcher.sentences and read_back.passage_terms == matcher.passage_terms
        public = {k for k in vars(read_back) if not k.startswith("_")}
        assert public == {k for k in vars(matcher) if not k.startswith("_")}
        assert read_back.idf == matcher.idf and read_back.surface == matcher.surface
        assert read_back.known_stems == matcher.known_stems
    for case in load_cases("benchmarks/eval/kaczmarski-2018-members.yaml"):
        assert again.ask(case.question) == engine.ask(case.question), case.question


def test_a_text_read_back_builds_its_entries_once_for_questions_asked_at_once(engine, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from bot.kb import snapshot

    snapshot.save(engine, tmp_path)
    again = snapshot.load(tmp_path)
    [matcher] = again.matchers.values()
    with ThreadPoolExecutor(4) as pool:
        seen = list(pool.map(lambda _: id(matcher.profiles), range(8)))
    assert len(set(seen)) == 1 and "_saved" in vars(matcher)  # the sentences are not built yet
    assert matcher.sentences and "_saved" not in vars(matcher)  # all built: the data read back is let go


def test_two_folders_keep_their_own_caches(tmp_path):
    cached(write_knowledge(tmp_path / "a"))
    cached(write_knowledge(tmp_path / "b"))
    assert len(list(cache_dir().glob("engine-*"))) == 2


def test_a_cold_start_serves_before_its_cache_is_written(tmp_path, monkeypatch):
    from bot.kb import snapshot

    root = write_knowledge(tmp_path / "k")
    writing, go_on = threading.Event(), threading.Event()
    save = snapshot.save

    def slow(engine, folder):
        writing.set()
        assert go_on.wait(30)
        save(engine, folder)

    monkeypatch.setattr(snapshot, "save", slow)
    engine = load_engine(root)
    assert engine.ask("when was the weir built").kind == "curated"  # served while the cache is written
    assert writing.wait(30) and not list(cache_dir().glob("engine-*"))
    assert not wait_for_cache(0.01)
    go_on.set()
    assert wait_for_cache(30)
    monkeypatch.setattr("bot.kb.cache.load_knowledge", lambda root: pytest.fail("loaded again"))
    assert load_engine(root).ask("when was the weir built").kind == "curated"


def test_the_cache_is_written_with_the_collector_paused_and_given_back(tmp_path, monkeypatch):
    from bot.kb import snapshot

    seen, save, loaded = [], snapshot.save, threading.Event()

    def watched(engine, folder):
        assert loaded.wait(30)  # the load's own pause is over by now
        seen.append(gc.isenabled())
        save(engine, folder)

    monkeypatch.setattr(snapshot, "save", watched)
    load_engine(write_knowledge(tmp_path / "k"))
    loaded.set()
    assert wait_for_cache(30)
    assert seen == [False] and gc.isenabled()


def test_a_cache_left_half_written_by_a_stopped_process_is_cleared(tmp_path):
    cache_dir().mkdir(parents=True, exist_ok=True)
    left, writing = cache_dir() / ".tmp-left", cache_dir() / ".tmp-writing"
    for scratch in (left, writing):
        scratch.mkdir()
        (scratch / "engine.json").write_text("{")
    hours_ago = left.stat().st_mtime - 2 * 3600
    os.utime(left, (hours_ago, hours_ago))
    cached(write_knowledge(tmp_path / "k"))
    assert not left.exists() and writing.exists()  # another process may be writing that one now


def test_a_newer_version_is_written_after_an_older_one_still_being_written(tmp_path, monkeypatch):
    from bot.kb import cache, snapshot

    root = write_knowledge(tmp_path / "k")
    first, save, order = threading.Event(), snapshot.save, []

    def held(engine, folder):
        answer = engine.kb.entry("weir-built").answer
        if answer == "In 2019.":  # the first version's writer is slow: the second version loads meanwhile
            assert first.wait(30)
        order.append(answer)
        save(engine, folder)

    monkeypatch.setattr(snapshot, "save", held)
    load_engine(root)
    path = root / "entries" / "tiny.yaml"
    path.write_text(SMALL_ENTRIES.replace("answer: In 2019.", "answer: In the year 2019."))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    load_engine(root)
    first.set()
    assert wait_for_cache(30)
    assert order == ["In 2019.", "In the year 2019."]
    [kept] = cache_dir().glob("engine-*")  # the older version, written first, is gone
    assert kept.name.endswith(cache.fingerprint(root))


def test_loading_pauses_the_garbage_collector_and_gives_it_back(tmp_path, monkeypatch):
    seen = []
    real = load_engine.__globals__["load_knowledge"]
    monkeypatch.setattr("bot.kb.cache.load_knowledge", lambda root: seen.append(gc.isenabled()) or real(root))
    assert gc.isenabled()
    load_engine(write_knowledge(tmp_path / "k"), use_cache=False)
    assert seen == [False] and gc.isenabled()
    with pytest.raises(KnowledgeError):  # a failed load gives it back too
        load_engine(tmp_path / "missing", use_cache=False)
    assert gc.isenabled()


def test_reading_a_folder_alone_pauses_the_collector_too(tmp_path, monkeypatch):
    """`kb validate` and every other command that reads the knowledge without indexing it."""
    from bot.kb import loader

    seen = []
    real = loader.phrasing_problems
    monkeypatch.setattr(loader, "phrasing_problems", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k))
    kb, _ = loader.check_knowledge(write_knowledge(tmp_path / "k"))
    assert kb is not None and seen and not any(seen) and gc.isenabled()


def test_a_loaded_engine_goes_straight_to_the_oldest_generation(tmp_path):
    """Left young, its objects would all be walked by the next collections of the young generations."""
    engine = load_engine(write_knowledge(tmp_path / "k"), use_cache=False)
    profile = next(iter(engine.matchers.values())).profiles[0]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(profile) in oldest and id(profile.phrasings[0]) in oldest
    assert not gc.get_freeze_count()  # nothing is left frozen: an engine dropped later is still collected


def test_overlapping_loads_share_one_pause():
    first_in, second_done, states = threading.Event(), threading.Event(), []

    def first():
        with collector_paused():
            first_in.set()
            second_done.wait(5)
            states.append(("first, after the second ended", gc.isenabled()))

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with collector_paused():
        states.append(("second", gc.isenabled()))
    second_done.set()
    thread.join(5)
    assert states == [("second", False), ("first, after the second ended", False)]
    assert gc.isenabled()


def test_a_collector_turned_off_before_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
