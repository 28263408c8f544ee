"""Buttons as members meet them: after a restart, after 15 minutes, when something breaks inside."""

from __future__ import annotations

import pytest

from bot.client import APOLOGY
from tests.conftest import write_knowledge
from tests.fakediscord import CommandHidden


async def _suggest_and_queue(discord_):
    alice, owner = discord_.member("alice"), discord_.guild.members[discord_.guild.owner_id]
    suggested = await discord_.slash(alice, "prompt suggest",
                                     text="Would joint development of the islands help a settlement?")
    assert "waits for a moderator" in suggested.text
    return await discord_.slash(owner, "prompt-admin queue")


async def test_every_old_button_works_after_a_restart(discord_):
    alice, bob = discord_.member("alice"), discord_.member("bob")
    asked = await discord_.slash(alice, "ask", question="Where did Abe meet Putin?")
    quiz = await discord_.slash(bob, "quiz start")
    queue = await _suggest_and_queue(discord_)

    await discord_.restart()

    shown = await discord_.click(asked, "Show passage", user=bob)
    assert shown.answered and "Passage 2" in shown.text
    voted = await discord_.click(asked, "\U0001f44d", user=bob)
    assert "Thanks" in voted.text
    revealed = await discord_.click(quiz, "Give up", user=bob)
    assert "The answer" in revealed.text
    approved = await discord_.click(queue, "Approve #1")
    assert "approved" in approved.text
    assert discord_.problems == []


async def test_buttons_outlive_the_interaction_token(discord_):
    alice = discord_.member("alice")
    asked = await discord_.slash(alice, "ask", question="What did the Levada poll find?")
    await discord_.advance(16 * 60)  # the token is dead; nothing may try to edit through it
    assert [c for c in discord_.calls if c.status == 401] == []
    shown = await discord_.click(asked, "Show passage")
    assert shown.answered and not any(b.get("disabled") for b in asked.message.buttons)


@pytest.mark.parametrize(("button", "breaks"), [
    ("\U0001f44d", "record_feedback"),
    ("Give up", "save_quiz"),
    ("Approve #1", "decide"),
])
async def test_a_failing_button_apologises(discord_, monkeypatch, button, breaks):
    alice = discord_.member("alice")
    if button == "Give up":
        message = await discord_.slash(alice, "quiz start")
    elif button.startswith("Approve"):
        message = await _suggest_and_queue(discord_)
    else:
        message = await discord_.slash(alice, "ask", question="Where did Abe meet Putin?")

    async def broken(*args, **kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(discord_.bot.store, breaks, broken)
    clicked = await discord_.click(message, button)
    assert clicked.answered and APOLOGY in clicked.text and clicked.messages[-1].ephemeral


async def test_giving_up_after_a_database_error_leaves_the_question_open(discord_, monkeypatch):
    bob = discord_.member("bob")
    quiz = await discord_.slash(bob, "quiz start")
    store = discord_.bot.store
    save = store.save_quiz

    async def fails_once(*args, **kwargs):
        monkeypatch.setattr(store, "save_quiz", save)
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(store, "save_quiz", fails_once)
    failed = await discord_.click(quiz, "Give up")
    assert APOLOGY in failed.text
    assert await store.quiz_records(discord_.guild.id, bob.id) == {}
    assert not any(b.get("disabled") for b in quiz.message.buttons)  # still open: try again
    again = await discord_.click(quiz, "Give up")
    assert "The answer" in again.text
    [record] = (await store.quiz_records(discord_.guild.id, bob.id)).values()
    assert record.wrong == 1
    assert all(b.get("disabled") for b in quiz.message.buttons)


LONG = "The weir was debated at length in the council. " * 70  # about 3,300 characters a passage
THREE_LONG_PASSAGES = f"""\
---
id: tiny
title: A tiny text
author: Ann Author
---

{LONG}One.

{LONG}Two.

{LONG}Three.
"""
CITES_ALL_THREE = """\
source: tiny
entries:
  - id: weir-debate
    questions:
      - What did the council say about the weir?
      - The council's weir debate
      - How was the weir debated?
    answer: At length, three times.
    cite:
      - passage: 1
        quote: The weir was debated at length
      - passage: 2
        quote: The weir was debated at length
      - passage: 3
        quote: The weir was debated at length
"""


async def test_show_passage_of_three_long_passages_keeps_each_message_within_discords_total(tmp_path, make_discord):
    knowledge = write_knowledge(tmp_path / "k", source=THREE_LONG_PASSAGES, entries=CITES_ALL_THREE)
    discord_ = await make_discord(knowledge=knowledge)
    asked = await discord_.slash(discord_.member("alice"), "ask", question="What did the council say about the weir?")
    shown = await discord_.click(asked, "Show passage")
    assert discord_.problems == []
    assert len(shown.messages) >= 2 and all(m.ephemeral for m in shown.messages)
    for ending in ("One.", "Two.", "Three."):
        assert ending in shown.text  # every passage whole, none cut to fit


async def test_approve_answers_discord_before_its_other_calls(discord_):
    queue = await _suggest_and_queue(discord_)
    alice = discord_.member("alice")
    approved = await discord_.click(queue, "Approve #1")
    assert approved.deferred and "approved and added" in approved.text
    assert approved.interaction.calls_before == 0
    told = [m for m in discord_.messages(discord_.dm(alice))]
    assert len(told) == 1 and "was approved" in told[0].text
    assert discord_.problems == []


async def test_an_approved_prompt_is_named_comes_up_next_and_can_be_removed_by_moderators_only(discord_):
    # Approving could not be undone: the text stayed among the server's prompts for good.
    queue = await _suggest_and_queue(discord_)
    owner, alice = discord_.guild.members[discord_.guild.owner_id], discord_.member("alice")
    approved = await discord_.click(queue, "Approve #1")
    assert "as `custom-1`" in approved.text and "/prompt-admin remove" in approved.text
    listed = await discord_.slash(owner, "prompt list")
    assert listed.text.index("custom-1") < listed.text.index("charm-offensive-worth-it")  # next in line
    picked = await discord_.autocomplete(owner, "prompt-admin remove", "prompt", "joint development")
    assert [c["value"] for c in picked.choices] == ["custom-1"]
    with pytest.raises(CommandHidden):  # a member's Discord does not even show it
        await discord_.slash(alice, "prompt-admin remove", prompt="custom-1")
    assert "custom-1" in (await discord_.slash(owner, "prompt list")).text
    removed = await discord_.slash(owner, "prompt-admin remove", prompt="custom-1")
    assert "Removed `custom-1`" in removed.text and "joint development" in removed.text
    assert "custom-1" not in (await discord_.slash(owner, "prompt list")).text
    shipped = await discord_.slash(owner, "prompt-admin remove", prompt="charm-offensive-worth-it")
    assert "not one of this server's own prompts" in shipped.text
    assert discord_.problems == []


async def test_each_servers_messages_and_buttons_carry_its_own_numbers(discord_):
    """A busy server's suggestions, prompts and changes leave another server's numbers starting at 1."""
    here_owner = discord_.guild.members[discord_.guild.owner_id]
    for text in ("Would joint development of the islands help a settlement?",
                 "Should Japan lift its sanctions to win back the islands?"):
        assert "waits" in (await discord_.slash(discord_.member("bob"), "prompt suggest", text=text)).text
    await discord_.click(await discord_.slash(here_owner, "prompt-admin queue"), "Approve #1")
    retired = await discord_.slash(here_owner, "kb retire", entry="meeting-place")
    await discord_.click(retired, "Undo", user=here_owner)
    other = discord_.add_guild("Other group")
    await discord_.connect()
    alice, owner = discord_.member("alice", other), other.members[other.owner_id]

    suggested = await discord_.slash(alice, "prompt suggest", text="Could a joint fishing zone build trust there?")
    assert "Suggestion #1 waits for a moderator" in suggested.text
    queue = await discord_.slash(owner, "prompt-admin queue")
    assert "**#1**" in queue.text and "**#2**" not in queue.text
    assert [b["custom_id"] for b in queue.message.buttons] == ["citebot:suggestion:approve:1",
                                                              "citebot:suggestion:reject:1"]
    approved = await discord_.click(queue, "Approve #1", user=owner)
    assert "Suggestion #1 approved and added to this server's prompts as `custom-1`" in approved.text
    assert "`custom-1`" in (await discord_.slash(owner, "prompt list")).text
    removed = await discord_.slash(owner, "prompt-admin remove", prompt="custom-1")
    assert "Removed `custom-1`" in removed.text and "joint fishing zone" in removed.text

    retired_there = await discord_.slash(owner, "kb retire", entry="meeting-place")
    assert retired_there.message.button("Undo")["custom_id"] == "citebot:kbundo:1"
    undone = await discord_.click(retired_there, "Undo", user=owner)
    assert "Undone" in undone.text
    assert discord_.bot.library.kb_for(other.id).entry("meeting-place") is not None
    # The first server kept its own: #2 waiting, custom-1 listed, its two changes.
    waiting = await discord_.bot.store.suggestions(discord_.guild.id)
    assert [s.number for s in waiting] == [2]
    assert [p.id for p in await discord_.bot.store.custom_prompts(discord_.guild.id)] == ["custom-1"]
    assert [c.number for c in await discord_.bot.store.entry_changes(discord_.guild.id, "meeting-place")] == [2, 1]
    assert discord_.problems == []
