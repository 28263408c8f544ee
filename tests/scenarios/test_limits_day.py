"""Every command with the inputs members really type, long and odd: Discord must accept all it is sent.

The fixture fails a scenario on any payload Discord would refuse, a message that could ping,
a second or late response, or an interaction left unanswered; these only need to drive the bot.
"""

from __future__ import annotations

import pytest

ODD = ["x" * 1000, "🙂" * 200, "@everyone <@1> <@&2> **__||", "where did abe meet putin " * 30, " ", "\u200b"]


@pytest.mark.parametrize("question", ODD)
async def test_ask_anything(discord_, question):
    asked = await discord_.slash(discord_.member("alice"), "ask", question=question)
    assert asked.answered


COMMANDS = [
    ("search", {"words": "x" * 200}),
    ("search", {"words": "the"}),
    ("passage", {"number": 1}),
    ("passage", {"number": 9999}),
    ("passage", {"number": 1, "source": "no-such-text"}),
    ("source", {}),
    ("help", {}),
    ("quiz stats", {}),
    ("quiz leaderboard", {}),
    ("prompt list", {}),
    ("prompt-admin queue", {}),
    ("kb gaps", {}),
    ("settings", {"texts": "x" * 300, "timezone": "Mars/Olympus"}),
]


async def test_every_command_stays_within_discords_limits(discord_):
    owner = discord_.guild.members[discord_.guild.owner_id]
    for command, options in COMMANDS:
        done = await discord_.slash(owner, command, **options)
        assert done.answered and done.messages, (command, options)


@pytest.mark.parametrize(("command", "option"), [("ask", "question"), ("ask", "source"), ("passage", "source"),
                                                  ("search", "source"), ("quiz start", "source"),
                                                  ("prompt-admin post", "prompt")])
async def test_autocomplete_offers_at_most_25_short_choices(discord_, command, option):
    owner = discord_.guild.members[discord_.guild.owner_id]
    for typed in ("", "a", "putin " * 16, "🙂"):
        offered = await discord_.autocomplete(owner, command, option, typed)
        assert len(offered.choices) <= 25, typed


async def test_many_answers_in_one_message_follow_up_within_limits(discord_):
    question = " ".join(["Where did Abe meet Putin?", "What did the Levada poll find?",
                         "Who wrote this text?", "What did Putin propose?"])
    asked = await discord_.slash(discord_.member("bob"), "ask", question=question)
    assert asked.answered and len(asked.messages) >= 1
