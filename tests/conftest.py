from __future__ import annotations

import os
import shutil
import textwrap
import uuid
from pathlib import Path

import pytest

from bot.config import default_knowledge_dir
from bot.kb import Engine, KnowledgeBase, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_db7cbe7b08cbfd51.txt"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    """Each test's built engines are cached in its own folder, never in the user's."""
    monkeypatch.setenv("CITEBOT_CACHE", str(tmp_path_factory.mktemp("cache")))


PG_ENV = "CITEBOT_TEST_PG"
PG_SKIPPED = (f"PostgreSQL store tests skipped: set {PG_ENV}=postgresql://user@host:port/database to a server "
              "they may create schemas in (.ci/postgres start DIR starts a throwaway one)")


async def _pg_admin():
    """A connection to the test server, or a skip saying why there is none."""
    url = os.environ.get(PG_ENV, "").strip()
    if not url:
        pytest.skip(PG_SKIPPED)
    try:
        import asyncpg

        return url, await asyncpg.connect(url, timeout=5)
    except Exception as exc:
        if os.environ.get("CITEBOT_TEST_PG_REQUIRED"):
            pytest.fail(f"{PG_ENV} is set but the server cannot be used: {exc}")
        pytest.skip(f"PostgreSQL store tests skipped: {PG_ENV} is set but the server cannot be used ({exc})")


@pytest.fixture
async def pg_url():
    """A PostgreSQL URL whose schema is new and this test's alone (dropped afterwards)."""
    url, admin = await _pg_admin()
    name = f"test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f"CREATE SCHEMA {name}")
    try:
        yield url + ("&" if "?" in url else "?") + f"search_path={name}"
    finally:
        await admin.execute(f"DROP SCHEMA {name} CASCADE")
        await admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request, tmp_path) -> str:
    """Where a store lives, once per backend: a new SQLite file, then a new PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "sub" / "citebot.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge(default_knowledge_dir())


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)


SMALL_SOURCE = """\
---
id: tiny
title: A tiny text
author: Ann Author
role: Lecturer
---

# Summary

The river Wensum floods every spring.

Engineers built a new weir in 2019 to hold the water back.

Farmers downstream say the weir has made their fields drier in summer.
"""

SMALL_ENTRIES = """\
source: tiny
entries:
  - id: weir-built
    questions:
      - When was the weir built?
      - Year of the new weir
      - In which year did engineers build the weir?
    answer: In 2019.
    cite:
      - passage: 2
        quote: Engineers built a new weir in 2019
  - id: river-floods
    questions:
      - When does the river flood?
      - Wensum flooding season
      - Which season brings the floods?
    answer: Every spring.
    cite:
      - passage: 1
        quote: floods every spring
"""


# A third entry close to the other two, so that "weir" alone is ambiguous.
AMBIGUOUS_ENTRIES = SMALL_ENTRIES.replace("      - Which season brings the floods?",
                                          "      - When was the weir flooded?") + """\
  - id: weir-cost
    questions:
      - How much did the weir cost?
      - Price of the weir
      - What did engineers spend on the weir?
    answer: The text does not say.
    cite:
      - passage: 3
        quote: the weir has made their fields drier
"""


def write_knowledge(root: Path, *, source: str = SMALL_SOURCE, entries: str = SMALL_ENTRIES,
                    synonyms: str | None = None, prompts: str | None = None) -> Path:
    """A small knowledge folder for tests; each file can be replaced to break it."""
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "entries").mkdir(exist_ok=True)
    (root / "sources" / "tiny.md").write_text(textwrap.dedent(source), encoding="utf-8")
    (root / "entries" / "tiny.yaml").write_text(textwrap.dedent(entries), encoding="utf-8")
    if synonyms is not None:
        (root / "synonyms.yaml").write_text(textwrap.dedent(synonyms), encoding="utf-8")
    if prompts is not None:
        (root / "prompts").mkdir(exist_ok=True)
        (root / "prompts" / "tiny.yaml").write_text(textwrap.dedent(prompts), encoding="utf-8")
    return root



# The tiny text's entries with an author entry of its own, for a folder holding two texts.
TINY_ENTRIES = SMALL_ENTRIES + """\
  - id: tiny-author
    questions:
      - Who wrote this text?
      - Author of the text
      - Whose text is this?
    answer: Ann Author, a lecturer.
    cite:
      - passage: 0
        quote: "Author: Ann Author"
"""


def with_tiny_text(root: Path) -> Path:
    """The shipped knowledge and the tiny text side by side in `root`: two texts to choose between."""
    shutil.copytree(default_knowledge_dir(), root)
    return write_knowledge(root, entries=TINY_ENTRIES)

@pytest.fixture
def database(tmp_path: Path, monkeypatch) -> Path:
    """Where CITEBOT_DB points, for commands that read or write the bot's database."""
    path = tmp_path / "bot.db"
    monkeypatch.setenv("CITEBOT_DB", str(path))
    return path


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    return write_knowledge(tmp_path / "knowledge")


from tests.fakediscord import discord_, fake_server, make_discord  # noqa: E402,F401  (fixtures for scenario tests)
