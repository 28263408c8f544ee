"""The quiz played through Discord: the question, the answer form, the reveal, and who sees what."""

from __future__ import annotations

import pytest

from bot.client import APOLOGY
from bot.kb.quiz import accepted_answers


async def _entry(discord_, quiz):
    custom_id = quiz.message.button("Answer")["custom_id"]
    return discord_.bot.library.kb.entry(custom_id.split(":", 4)[4])


async def test_a_right_answer_is_revealed_on_the_question_and_counted(discord_):
    bob = discord_.member("bob")
    quiz = await discord_.slash(bob, "quiz start")
    entry = await _entry(discord_, quiz)
    opened = await discord_.click(quiz, "Answer")
    assert opened.modal["components"][0]["description"] == entry.questions[0][:100]
    settled = await discord_.submit(opened, {"Your answer": accepted_answers(entry)[0].upper() + "!"})
    assert settled.response_type == 7  # the question message itself now carries the reveal
    assert "Right!" in settled.text and entry.citations[0].quote in settled.text
    assert all(b.get("disabled") for b in settled.message.buttons)
    record = (await discord_.bot.store.quiz_records(discord_.guild.id, bob.id))[entry.id]
    assert (record.box, record.correct) == (2, 1)


async def test_only_the_quizzed_member_may_answer(discord_):
    quiz = await discord_.slash(discord_.member("bob"), "quiz start")
    other = await discord_.click(quiz, "Give up", user=discord_.member("alice"))
    assert other.ephemeral and "someone else's" in other.text
    assert not any(b.get("disabled") for b in quiz.message.buttons)


@pytest.mark.parametrize("how", ["answer", "give up"])
async def test_a_private_server_keeps_the_reveal_private(discord_, how):
    owner, bob = discord_.guild.members[discord_.guild.owner_id], discord_.member("bob")
    await discord_.slash(owner, "settings", visibility="private")
    quiz = await discord_.slash(bob, "quiz start")
    assert quiz.ephemeral
    if how == "answer":
        opened = await discord_.click(quiz, "Answer")
        settled = await discord_.submit(opened, {"Your answer": "my secret guess"})
        assert "my secret guess" in settled.text
    else:
        settled = await discord_.click(quiz, "Give up")
    assert settled.messages and all(m.ephemeral for m in settled.messages)
    public = [m for m in discord_.messages() if not m.ephemeral]
    assert not any("my secret guess" in m.text or "The answer" in m.text for m in public)


async def test_a_failing_answer_form_apologises_and_keeps_the_question_open(discord_, monkeypatch):
    bob = discord_.member("bob")
    quiz = await discord_.slash(bob, "quiz start")
    opened = await discord_.click(quiz, "Answer")

    async def broken(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(discord_.bot.store, "save_quiz", broken)
    failed = await discord_.submit(opened, {"Your answer": "Vladivostok"})
    assert APOLOGY in failed.text and failed.messages[-1].ephemeral
    assert not any(b.get("disabled") for b in quiz.message.buttons)
