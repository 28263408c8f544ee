"""A text brought in with `kb draft` and not yet curated, served beside the shipped one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import default_knowledge_dir
from tests.fakediscord import FakeDiscord

ESSAY = Path(__file__).resolve().parents[2] / "benchmarks" / "texts" / "broad-street-1854.md"


@pytest.fixture
async def with_new_text(tmp_path, fake_server):
    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    assert main(["--knowledge", str(root), "kb", "draft", str(ESSAY), "--id", "broad-street-1854"]) == 0
    fake = FakeDiscord(tmp_path, knowledge=root, server=fake_server)
    await fake.start()
    yield fake
    await fake.stop()
    assert fake.problems == [], "Discord would have refused or flagged:\n" + "\n".join(fake.problems)


async def test_who_wrote_this_asks_which_text_and_the_pick_cites_the_byline(with_new_text):
    fake = with_new_text
    alice = fake.member("alice")
    asked = await fake.slash(alice, "ask", question="who wrote this text")
    assert "Which text do you mean?" in asked.text
    picked = await fake.click(asked, next(label for label in asked.message.labels if "Pump" in label))
    assert "Margaret Ellery Thorne" in picked.text
    await fake.restart()
    again = await fake.click(asked, next(label for label in asked.message.labels if "Pump" in label))
    assert "Margaret Ellery Thorne" in again.text


async def test_the_new_text_answers_from_its_passages_at_once(with_new_text):
    fake = with_new_text
    asked = await fake.slash(fake.member("bob"), "ask", question="What is the miasma theory?",
                             source="broad-street-1854")
    assert "poisonous vapour" in asked.text and "the text itself says" in asked.text
