"""Kill the writer mid-write: nothing committed is lost and the database opens cleanly."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bot.kb import KnowledgeError
from bot.kb.library import Library
from bot.store import Store
from tests.conftest import SMALL_ENTRIES, write_knowledge

ROOT = Path(__file__).resolve().parent.parent

WRITER = textwrap.dedent("""
    import asyncio, sys
    from bot.store import Store

    async def main(path):
        async with Store(path) as store:
            n = 0
            while True:
                n += 1
                qid = await store.log_question(guild_id=1, channel_id=2, question=f"q{n} " + "x" * 500,
                                               kind="none", entry_id=None, confidence=0.5)
                await store.record_feedback(qid, n, 1)
                print(qid, flush=True)  # reported only after both commits returned

    asyncio.run(main(sys.argv[1]))
""")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
async def test_killed_writer_loses_nothing_committed(tmp_path):
    path = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    committed = []
    for line in proc.stdout:
        committed.append(int(line))
        if len(committed) >= 200:
            break
    os.kill(proc.pid, signal.SIGKILL)  # mid-write: the next insert is under way
    proc.wait(timeout=10)
    async with Store(path) as store:
        async with store.db.execute("PRAGMA integrity_check") as cursor:
            assert (await cursor.fetchone())[0] == "ok"
        async with store.db.execute("SELECT id FROM questions") as cursor:
            stored = {row[0] async for row in cursor}
        assert set(committed) <= stored
        for qid in committed[-5:]:
            assert await store.feedback_for(qid) == (1, 0)


def test_reload_with_a_file_removed_mid_read_keeps_serving(tmp_path, monkeypatch):
    root = write_knowledge(tmp_path / "k")
    library = Library(root)
    entries = root / "entries" / "tiny.yaml"
    entries.write_text(entries.read_text() + "\n")  # an edit: the cached engine no longer fits
    real = Path.read_text

    def vanishing(self, *args, **kwargs):
        if self == entries:
            self.unlink()  # gone between listing the folder and reading the file
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", vanishing)
    result = library.reload()
    assert not result.ok and "cannot be read" in str(result.problems[0])
    assert library.engine.ask("when was the weir built").entry.id == "weir-built"


def test_a_restart_after_a_mistaken_edit_serves_the_last_version_without_errors(tmp_path):
    root = write_knowledge(tmp_path / "k")
    assert not Library(root).held_back  # served once: the cache keeps that version
    entries = root / "entries" / "tiny.yaml"
    entries.write_text(SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))  # a citation of no passage
    restarted = Library(root)
    assert [p.line for p in restarted.held_back] == [10]
    assert restarted.engine.ask("when was the weir built").entry.id == "weir-built"
    entries.write_text(SMALL_ENTRIES.replace("Year of the new weir", "Weir year"))  # fixed
    assert restarted.reload().ok and not restarted.held_back
    assert "Weir year" in restarted.kb.entry("weir-built").questions
    # A folder that never loaded without errors has no version to fall back on.
    broken = write_knowledge(tmp_path / "never", entries=SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))
    with pytest.raises(KnowledgeError):
        Library(broken)


def test_a_restart_while_the_last_version_is_still_being_cached_waits_for_it(tmp_path, monkeypatch):
    """The cache is written while the engine serves: a restart in the same process right after a
    mistaken edit finds the version before it once its writer is done, not nothing."""
    import time

    from bot.kb import snapshot

    save = snapshot.save
    monkeypatch.setattr(snapshot, "save", lambda engine, folder: time.sleep(0.5) or save(engine, folder))
    root = write_knowledge(tmp_path / "k")
    assert not Library(root).held_back
    (root / "entries" / "tiny.yaml").write_text(SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))
    restarted = Library(root)
    assert [p.line for p in restarted.held_back] == [10]
    assert restarted.engine.ask("when was the weir built").entry.id == "weir-built"


def test_reload_that_raises_unexpectedly_keeps_serving(tmp_path, monkeypatch):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES)
    library = Library(root)
    monkeypatch.setattr("bot.kb.library.load_engine", lambda *a, **k: 1 / 0)
    result = library.reload()
    assert not result.ok and "could not be read" in str(result.problems[0])
    assert library.engine.ask("when was the weir built").kind == "curated"
