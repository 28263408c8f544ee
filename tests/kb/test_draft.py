"""Bringing in a new text: drafting, serving it before curation, and several texts side by side."""

import shutil
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.config import default_knowledge_dir
from bot.kb import Engine, check_knowledge, load_knowledge
from bot.kb.draft import draft_files, split_text
from tests.conftest import SEED

FERRIES = Path(__file__).resolve().parents[1] / "data" / "ferries.md"


@pytest.fixture
def two_texts(tmp_path) -> Path:
    """The shipped knowledge plus the ferries text, drafted through the CLI."""
    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    assert main(["--knowledge", str(root), "kb", "draft", str(FERRIES), "--id", "ferries"]) == 0
    return root


def test_split_recognises_headings_passages_and_byline():
    draft = split_text(FERRIES.read_text())
    assert draft.title == "The Baltic Ferry Network After the Pandemic"
    assert (draft.author, draft.role) == ("Maria Lindqvist", "Transport analyst")
    assert len(draft.passages) == 4 and draft.passages[1].startswith("The Helsinki–Tallinn route")


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not beside this checkout")
def test_split_of_the_first_text_matches_the_curated_source(kb):
    draft = split_text(SEED.read_text(encoding="utf-8"))
    source = kb.sources["kaczmarski-2018"]
    assert draft.passages == [p.text for p in source.passages]
    assert draft.author == source.author and draft.byline == source.byline


def test_drafted_files_validate_and_every_item_is_a_draft(two_texts):
    kb, problems = check_knowledge(two_texts)
    assert kb is not None, [str(p) for p in problems if p.severity == "error"]
    drafted = [e for e in kb.entries if e.source == "ferries"]
    assert drafted and all(e.draft for e in drafted)
    assert all(p.draft for p in kb.prompts if p.source == "ferries")
    figures = {a for e in drafted for a in e.accept}
    assert {"62%", "7.2 million"} <= figures
    assert "What is a green corridor?" in {q for e in drafted for q in e.questions}


def test_drafts_are_ignored_but_the_passages_answer_at_once(two_texts):
    engine = Engine(load_knowledge(two_texts))
    assert all(e.source != "ferries" for e in engine.kb.live_entries)
    answer = engine.ask("how many passengers did the helsinki tallinn route carry in 2023")
    assert answer.kind == "passage" and answer.citations[0].passage.source == "ferries"
    assert "7.2 million" in answer.text
    assert engine.ask("what is the capital of finland").kind == "none"
    assert engine.ask("where did abe meet putin").entry.id == "meeting-place"  # the first text still answers


def test_answers_can_be_limited_to_one_text(two_texts):
    engine = Engine(load_knowledge(two_texts))
    assert engine.ask("helsinki tallinn passengers 2023", source="kaczmarski-2018").kind == "none"
    assert engine.ask("helsinki tallinn passengers 2023", source="ferries").kind == "passage"


def test_clearing_the_draft_mark_makes_an_entry_live(two_texts):
    path = two_texts / "entries" / "ferries.yaml"
    data = yaml.safe_load(path.read_text())
    first = data["entries"][0]
    first.pop("draft")
    first["questions"] += ["Baltic ferry passengers 2020 fall", "How far did ferry traffic drop in 2020?"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    kb = load_knowledge(two_texts)
    assert not kb.entry(first["id"]).draft
    assert Engine(kb).ask("how much did ferry traffic drop in 2020").entry.id == first["id"]


def test_draft_refuses_to_overwrite_and_bad_ids(two_texts, capsys):
    assert main(["--knowledge", str(two_texts), "kb", "draft", str(FERRIES), "--id", "ferries"]) == 1
    assert "already exist" in capsys.readouterr().err
    assert main(["--knowledge", str(two_texts), "kb", "draft", str(FERRIES), "--id", "Bad Id"]) == 1


def test_draft_files_quote_their_passages_verbatim():
    files = draft_files(FERRIES.read_text(), "ferries")
    entries = yaml.safe_load(files["entries/ferries.yaml"])["entries"]
    source_text = files["sources/ferries.md"]
    assert all(c["quote"] in source_text for e in entries for c in e["cite"])


def test_where_the_title_was_read_is_said_as_it_was():
    from bot.kb.draft_layout import split_text

    body = "A fire broke out in a bakery on Pudding Lane. It burned for four days.\n"
    # A plain first line is no heading: the summary said "[from the first heading]".
    assert split_text(f"The Great Fire of London\n\n{body}").origin("title") == "the first line"
    assert split_text(f"# The Great Fire of London\n\n{body}").origin("title") == "the first heading"


@pytest.mark.parametrize("heading", ["Summary", "Sammanfattning", "Introduction", "Executive summary"])
def test_a_section_heading_is_not_taken_for_the_title(heading):
    from bot.kb.draft_layout import split_text

    body = "Japan has failed to convince Russia to make concessions. Relations have warmed somewhat since then.\n"
    text = split_text(f"# {heading}\n\n{body}")
    assert text.title != heading and text.origin("title") == "the first words of the text"
    assert split_text(f"# Japan and Russia\n\n{body}").title == "Japan and Russia"
