"""Two texts in one server: a channel bound to one text, and "which text?" buttons."""

from __future__ import annotations

from unittest.mock import MagicMock

import discord
import pytest

from tests.conftest import with_tiny_text
from tests.discord_helpers import buttons, make_bot, make_interaction, make_member, sent


@pytest.fixture
async def bot2(tmp_path):
    root = tmp_path / "knowledge"
    with_tiny_text(root)
    bot = await make_bot(tmp_path, knowledge=root)
    yield bot
    await bot.store.close()


async def ask(bot, question, *, channel_id=7, channel=None):
    cog = bot.get_cog("Ask")
    interaction = make_interaction(bot, channel_id=channel_id)
    if channel is not None:
        interaction.channel = channel
    await cog.ask.callback(cog, interaction, question=question)
    return sent(interaction)


async def test_a_question_both_texts_answer_offers_one_button_per_text(bot2):
    out = await ask(bot2, "who wrote this text")
    assert "Which text" in out["embed"].description
    labels = [b.label for b in buttons(out["view"]) if b.label]
    assert any("A tiny text" in label for label in labels)
    assert any("Japan and Russia" in label for label in labels)


async def test_a_bound_channel_and_its_threads_ask_its_text(bot2):
    admin = bot2.get_cog("Admin")
    interaction = make_interaction(bot2, channel_id=70, member=make_member(manage_guild=True))
    await admin.settings.callback(admin, interaction, channel_text="tiny")
    assert "asks tiny" in sent(interaction)["content"]
    assert "Ann Author" in (await ask(bot2, "who wrote this text", channel_id=70))["embed"].description
    thread = MagicMock(spec=discord.Thread)
    thread.id, thread.parent_id = 71, 70
    out = await ask(bot2, "who wrote this text", channel_id=71, channel=thread)
    assert "Ann Author" in out["embed"].description
    # Elsewhere in the server both texts still answer.
    assert "Which text" in (await ask(bot2, "who wrote this text", channel_id=8))["embed"].description


async def test_binding_is_per_server_and_can_be_undone(bot2):
    await bot2.store.bind_channel(1, 70, "tiny")
    assert await bot2.store.channel_text(2, 70) is None  # another server's channel 70 is not bound
    await bot2.store.bind_channel(1, 70, None)
    assert await bot2.store.channel_text(1, 70) is None


async def test_binding_an_unknown_text_is_refused(bot2):
    admin = bot2.get_cog("Admin")
    interaction = make_interaction(bot2, channel_id=70, member=make_member(manage_guild=True))
    await admin.settings.callback(admin, interaction, channel_text="nope")
    assert "Unknown text id: nope" in sent(interaction)["content"]
    assert await bot2.store.channel_text(1, 70) is None


# -- reading and suggesting in the texts a server (or a channel) uses ---------------------------

async def read(bot, command, *, channel_id=7, **options):
    cog = bot.get_cog("Read")
    interaction = make_interaction(bot, channel_id=channel_id)
    await getattr(cog, command).callback(cog, interaction, **options)
    return sent(interaction)


async def suggest(bot, *, channel_id=7, **options):
    cog = bot.get_cog("Prompts")
    interaction = make_interaction(bot, channel_id=channel_id, member=make_member(user_id=77))
    await cog.suggest.callback(cog, interaction, **options)
    return sent(interaction)


@pytest.mark.parametrize("where", ["server", "channel"])
async def test_passage_without_a_text_reads_the_text_used_here(bot2, where):
    if where == "server":
        await bot2.store.update_settings(1, sources=("tiny",))
    else:
        await bot2.store.bind_channel(1, 7, "tiny")
    out = await read(bot2, "passage", number=1)
    assert out["embed"].description == "The river Wensum floods every spring."
    assert "A tiny text" in out["embed"].footer.text


async def test_passage_without_a_text_asks_which_when_several_are_read(bot2):
    out = await read(bot2, "passage", number=1)
    assert "embed" not in out
    assert out["content"].startswith("Which text?")
    assert "`tiny`: A tiny text" in out["content"] and "`kaczmarski-2018`" in out["content"]
    named = await read(bot2, "passage", number=1, source="tiny")
    assert named["embed"].description == "The river Wensum floods every spring."


@pytest.mark.parametrize("where", ["server", "channel"])
async def test_search_looks_in_the_texts_used_here(bot2, where):
    # "made" is in passages of both texts; unscoped, the other text's passages come first.
    assert {p.source for _, p in bot2.library.engine.search("made")} == {"kaczmarski-2018", "tiny"}
    if where == "server":
        await bot2.store.update_settings(1, sources=("tiny",))
    else:
        await bot2.store.bind_channel(1, 7, "tiny")
    fields = (await read(bot2, "search", words="made"))["embed"].fields
    assert [f.name for f in fields] == ["A tiny text \u00b7 passage 3"]


async def test_search_says_when_the_texts_used_here_lack_the_words(bot2):
    await bot2.store.update_settings(1, sources=("kaczmarski-2018",))
    out = await read(bot2, "search", words="weir")
    assert "embed" not in out and out["content"].startswith("No passage of \u201cJapan and Russia")
    elsewhere = await read(bot2, "search", words="weir", source="tiny")
    assert elsewhere["embed"].fields[0].name == "A tiny text \u00b7 passage 2"


@pytest.mark.parametrize("where", ["server", "channel"])
async def test_a_suggestion_is_stored_under_the_text_used_here(bot2, where):
    if where == "server":
        await bot2.store.update_settings(1, sources=("tiny",))
    else:
        await bot2.store.bind_channel(1, 7, "tiny")
    out = await suggest(bot2, text="Should the farmers downstream be paid for the drier fields?", passage=3)
    assert "Suggestion #1 waits" in out["content"]
    (stored,) = await bot2.store.suggestions(1)
    assert (stored.source, stored.passage) == ("tiny", 3)


async def test_a_suggestion_asks_which_text_when_several_are_read(bot2):
    out = await suggest(bot2, text="Should the farmers downstream be paid for the drier fields?", passage=3)
    assert out["content"].startswith("Which text?") and "/prompt suggest" in out["content"]
    assert await bot2.store.suggestions(1) == []


async def test_a_quiz_in_a_bound_channel_asks_about_its_text(bot2):
    await bot2.store.bind_channel(1, 7, "tiny")
    cog = bot2.get_cog("Quiz")
    for _ in range(3):  # the pick varies; every pick must come from the channel's text
        interaction = make_interaction(bot2, channel_id=7, member=make_member(user_id=78))
        await cog.start.callback(cog, interaction)
        assert "A tiny text" in sent(interaction)["embed"].footer.text
