"""A day in a study server, driven through discord.py's own event parsing against the fake Discord."""

from __future__ import annotations

import pytest

from tests.fakediscord import CommandHidden


async def test_commands_are_registered_once_and_within_discords_rules(discord_):
    puts = [c for c in discord_.calls if c.method == "PUT" and c.path.endswith("/commands")]
    assert [c.status for c in puts] == [200]
    names = discord_.visible_commands()
    assert len(names) == len(set(names))
    assert {"ask", "passage", "quiz", "prompt", "settings"} <= set(names)


async def test_a_member_asks_reads_and_votes(discord_):
    alice = discord_.member("alice")
    asked = await discord_.slash(alice, "ask", question="Where did Abe meet Putin?")
    assert asked.response_type == 4 and "Vladivostok" in asked.text
    assert asked.message.labels == ["Show passage", "\U0001f44d", "\U0001f44e"]
    shown = await discord_.click(asked, "Show passage")
    assert shown.ephemeral and "Passage" in shown.text
    voted = await discord_.click(asked, "\U0001f44d")
    assert voted.ephemeral and "Thanks" in voted.text


async def test_autocomplete_offers_questions_within_limits(discord_):
    offered = await discord_.autocomplete(discord_.member("bob"), "ask", "question", "putin")
    assert 0 < len(offered.choices) <= 25
    assert all(len(c["name"]) <= 100 for c in offered.choices)


async def test_a_quiz_answered_in_its_modal(discord_):
    bob = discord_.member("bob")
    quiz = await discord_.slash(bob, "quiz start")
    assert quiz.message.labels == ["Answer", "Give up"]
    opened = await discord_.click(quiz, "Answer")
    assert opened.response_type == 9
    settled = await discord_.submit(opened, {"Your answer": "I do not know"})
    assert settled.answered and "You said: I do not know" in settled.text


async def test_a_mention_is_answered_as_a_reply(discord_):
    alice = discord_.member("alice")
    await discord_.say(alice, "where did Abe meet Putin?", mention_bot=True)
    reply = discord_.last_message(discord_.channel("general"))
    assert reply.data["author"]["id"] == str(discord_.server.bot.id)
    assert reply.data["type"] == 19 and "Vladivostok" in reply.text


async def test_a_moderator_posts_a_prompt_in_the_forum(discord_):
    owner = discord_.guild.members[discord_.guild.owner_id]
    forum = discord_.channel("discussion")
    posted = await discord_.slash(owner, "prompt-admin post", channel=forum)
    assert posted.deferred and "Posted" in posted.text
    threads = [c for c in discord_.calls if c.method == "POST" and c.path == f"/channels/{forum.id}/threads"]
    assert [c.status for c in threads] == [201]


async def test_a_member_cannot_post_prompts(discord_):
    with pytest.raises(CommandHidden):
        await discord_.slash(discord_.member("alice"), "prompt-admin post")
    # Someone who sees the command (Manage Messages) but is no moderator here is refused.
    refused = await discord_.slash(discord_.member("mod"), "prompt-admin post")
    assert refused.ephemeral and "Only moderators" in refused.text


async def test_a_prompt_in_a_text_channel_opens_a_thread_the_bot_then_knows(discord_):
    owner = discord_.guild.members[discord_.guild.owner_id]
    posted = await discord_.slash(owner, "prompt-admin next", channel=discord_.channel("study"))
    [thread_call] = [c for c in discord_.calls if c.path.endswith("/threads")]
    thread = discord_.bot.get_channel(int(thread_call.answer["id"]))
    assert thread is not None and thread.parent_id == discord_.channel("study").id
    assert thread.mention in posted.text


async def test_the_bot_without_thread_permission_says_so(discord_):
    owner = discord_.guild.members[discord_.guild.owner_id]
    study = discord_.channel("study")
    discord_.deny(study, "create_public_threads")
    posted = await discord_.slash(owner, "prompt-admin next", channel=study)
    assert posted.ephemeral and "Create Public Threads" in posted.text
