"""Every shipped knowledge file loads, and the shipped text is the seed word for word."""

from collections import Counter

import pytest

from bot.config import default_knowledge_dir
from bot.kb import check_knowledge
from tests.conftest import SEED


def test_every_shipped_knowledge_file_loads_without_errors():
    kb, problems = check_knowledge(default_knowledge_dir())
    errors = [str(p) for p in problems if p.severity == "error"]
    assert kb is not None, "\n".join(errors)
    assert not errors
    # Nor with warnings: a change to how questions are read can make two phrasings one.
    assert not [str(p) for p in problems]


def test_coverage_targets(kb):
    source = kb.sources["kaczmarski-2018"]
    assert len(kb.entries) >= 70
    per_passage = Counter(number for e in kb.entries for number in {c.passage for c in e.citations})
    assert all(per_passage[p.number] >= 2 for p in source.passages), per_passage
    assert all(len(e.questions) >= 3 for e in kb.entries)
    assert len([p for p in kb.prompts if p.source == source.id]) >= 15


def test_source_metadata(kb):
    source = kb.sources["kaczmarski-2018"]
    assert source.author == "Marcin Kaczmarski"
    assert source.role == "Senior researcher"
    assert source.byline == ("Äldre forskare", "Marcin Kaczmarski")
    assert len(source.passages) == 15


@pytest.mark.skipif(not SEED.exists(), reason="the seed text is not beside this checkout")
def test_source_reconstructs_the_seed_word_for_word(kb):
    source = kb.sources["kaczmarski-2018"]
    blocks = [*source.headings, *(p.text for p in source.passages), "\n".join(source.byline)]
    assert "\n\n".join(blocks) == SEED.read_text(encoding="utf-8").strip()
