"""Two texts in one server: a channel bound to one text, and "which text?" buttons."""

from __future__ import annotations

import shutil
import textwrap
from unittest.mock import MagicMock

import discord
import pytest

from bot.config import default_knowledge_dir
from tests.conftest import SMALL_SOURCE
from tests.discord_helpers import buttons, make_bot, make_interaction, make_member, sent
from tests.kb.test_texts import TINY_ENTRIES


@pytest.fixture
async def bot2(tmp_path):
    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    (root / "sources" / "tiny.md").write_text(textwrap.dedent(SMALL_SOURCE), encoding="utf-8")
    (root / "entries" / "tiny.yaml").write_text(textwrap.dedent(TINY_ENTRIES), encoding="utf-8")
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
