import discord
import pytest
from discord import app_commands

from bot.cogs.ask import ASK_RATE
from tests.discord_helpers import buttons, make_bot, make_interaction, make_member, sent


@pytest.fixture
def cog(bot):
    return bot.get_cog("Ask")


async def ask(cog, interaction, question, **kwargs):
    await cog.ask.callback(cog, interaction, question=question, **kwargs)
    return sent(interaction)


async def test_ask_answers_with_an_embed_citing_the_passage(bot, cog):
    interaction = make_interaction(bot)
    out = await ask(cog, interaction, "where did abe meet putin")
    embed = out["embed"]
    assert "Vladivostok" in embed.description
    assert embed.fields[0].name == "Passage 2" and "Vladivostok" in embed.fields[0].value
    assert "Marcin Kaczmarski" in embed.footer.text
    assert out["ephemeral"] is False
    assert out["allowed_mentions"].everyone is False and out["allowed_mentions"].users is False
    labels = [b.label or str(b.emoji) for b in buttons(out["view"])]
    assert labels == ["Show passage", "\U0001f44d", "\U0001f44e"]
    assert await bot.store.kinds(1) == {"curated": 1}


async def test_server_can_make_answers_private_and_public_overrides(bot, cog):
    await bot.store.update_settings(1, ephemeral=True)
    assert (await ask(cog, make_interaction(bot), "levada poll"))["ephemeral"] is True
    assert (await ask(cog, make_interaction(bot), "levada poll", public=True))["ephemeral"] is False


async def test_no_answer_is_honest_and_names_related_passages(bot, cog):
    out = await ask(cog, make_interaction(bot), "what is the population of vladivostok")
    embed = out["embed"]
    assert "don't have an answer" in embed.description
    assert not [b for b in buttons(out["view"]) if str(b.emoji) == "\U0001f44d"]


async def test_echoed_mentions_cannot_ping(bot, cog):
    out = await ask(cog, make_interaction(bot), "@everyone <@123> where did abe meet putin")
    assert out["allowed_mentions"].to_dict() == discord.AllowedMentions.none().to_dict() == {"parse": []}
    assert "Vladivostok" in out["embed"].description


async def test_did_you_mean_buttons_answer_the_chosen_entry(tmp_path, monkeypatch):
    from tests.conftest import AMBIGUOUS_ENTRIES, write_knowledge

    monkeypatch.setattr("bot.kb.details.CURATED_PER_PASSAGE", 1)  # a text its curators covered
    entries = AMBIGUOUS_ENTRIES
    bot = await make_bot(tmp_path, knowledge=write_knowledge(tmp_path / "k", entries=entries))
    try:
        cog = bot.get_cog("Ask")
        out = await ask(cog, make_interaction(bot), "weir")
        assert out["embed"].colour == discord.Colour.light_grey()  # kind none: a question back, no answer
        picks = [i for i in out["view"].children if i.item.style == discord.ButtonStyle.primary]
        assert len(picks) >= 2
        chosen = next(p for p in picks if p.item.label == "How much did the weir cost?")
        second = make_interaction(bot)
        await chosen.callback(second)
        embed = sent(second)["embed"]
        assert embed.description == "The text does not say." and embed.fields[0].name == "Passage 3"
    finally:
        await bot.store.close()


async def test_show_passage_is_only_for_the_clicker(bot, cog):
    out = await ask(cog, make_interaction(bot), "levada poll")
    clicker = make_interaction(bot)
    await out["view"].children[0].callback(clicker)
    shown = sent(clicker)
    assert shown["ephemeral"] is True
    assert shown["embeds"][0].title.startswith("Passage 12")
    assert shown["embeds"][0].description.startswith("Public opinion is another factor.")


async def test_votes_are_stored(bot, cog):
    out = await ask(cog, make_interaction(bot), "levada poll")
    _, up, down = out["view"].children
    await down.callback(make_interaction(bot, member=make_member(user_id=5)))
    await up.callback(make_interaction(bot, member=make_member(user_id=6)))
    assert await bot.store.feedback_for(up.question_id) == (1, 1)


async def test_cooldown_refuses_politely_after_the_rate(bot, cog):
    for _ in range(ASK_RATE):
        await ask(cog, make_interaction(bot), "levada poll")
    with pytest.raises(app_commands.CommandOnCooldown) as caught:
        await cog.ask.callback(cog, make_interaction(bot), question="levada poll")
    assert caught.value.retry_after > 0
    await ask(cog, make_interaction(bot, member=make_member(user_id=99)), "levada poll")  # others still can


async def test_server_texts_limit_answers(bot, cog):
    await bot.store.update_settings(1, sources=("kaczmarski-2018",))
    assert "Vladivostok" in (await ask(cog, make_interaction(bot), "where did abe meet putin"))["embed"].description


async def test_autocomplete_offers_at_most_25_curated_questions(bot, cog):
    interaction = make_interaction(bot)
    choices = await cog.ask_question_autocomplete(interaction, "levada")
    assert 0 < len(choices) <= 25
    assert all(len(c.name) <= 100 and len(c.value) <= 100 for c in choices)
    owner = {q: e.id for e in bot.library.kb.entries for q in e.questions}
    assert all(c.value in owner for c in choices)
    assert owner[choices[0].value].startswith("levada")
    assert len(await cog.ask_question_autocomplete(interaction, "")) == 25


@pytest.mark.parametrize("question", ["", "x" * 1000, "\x00\x01", "🙂" * 50, "**__||", "<@&1> <#2>"])
async def test_bad_questions_never_crash(bot, cog, question):
    out = await ask(cog, make_interaction(bot), question)
    assert out["embed"].description


@pytest.mark.parametrize("refs", [
    [("kaczmarski-2018", 2)],
    [("kaczmarski-2018", n) for n in range(1, 11)],
    [("a-very-long-source-identifier-" + str(s), n) for s in range(4) for n in range(100, 110)],
])
def test_passage_buttons_carry_their_passages_within_100_characters(refs):
    from bot.cogs.ask import PassageButton, decode_refs, encode_refs

    encoded = encode_refs(refs, 100 - len(PassageButton.PREFIX))
    button = PassageButton(encoded)
    assert len(button.custom_id) <= 100 and PassageButton.__discord_ui_compiled_template__.fullmatch(button.custom_id)
    decoded = decode_refs(encoded)
    assert decoded and decoded == refs[: len(decoded)]
