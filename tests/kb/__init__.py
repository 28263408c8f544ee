"""Tests of the brain (bot/kb)."""

# The engine's parts that ask MiniLM (encoder.py) to read a question.
_READERS = ("bot.kb.engine", "bot.kb.reading", "bot.kb.second_opinion")


def without_minilm(monkeypatch) -> None:
    """The engine as it answers without MiniLM: the words (and the static word vectors) alone."""
    for module in _READERS:
        monkeypatch.setattr(f"{module}.encoder", lambda: None)
