import pytest

from bot.checks import NotModerator
from tests.conftest import SMALL_ENTRIES, write_knowledge
from tests.discord_helpers import make_bot, make_interaction, make_member, sent


async def test_passage_shows_the_whole_passage(bot):
    cog = bot.get_cog("Read")
    interaction = make_interaction(bot)
    await cog.passage.callback(cog, interaction, number=11)
    embed = sent(interaction)["embed"]
    assert embed.title == "Passage 11 of 15" and "Aegis Ashore" in embed.description


async def test_passage_zero_shows_the_texts_details(bot):
    cog = bot.get_cog("Read")
    interaction = make_interaction(bot)
    await cog.passage.callback(cog, interaction, number=0)
    assert "Author: Marcin Kaczmarski" in sent(interaction)["embed"].description
    options = {o["name"]: o for o in cog.passage.to_dict(bot.tree)["options"]}
    assert options["number"]["min_value"] == 0  # Discord itself lets members ask for it


async def test_passage_out_of_range_says_the_range(bot):
    cog = bot.get_cog("Read")
    interaction = make_interaction(bot)
    await cog.passage.callback(cog, interaction, number=99)
    assert "passages 1 to 15" in sent(interaction)["content"]


async def test_search_source_and_help(bot):
    cog = bot.get_cog("Read")
    interaction = make_interaction(bot)
    await cog.search.callback(cog, interaction, words="aegis missile")
    assert sent(interaction)["embed"].fields[0].name == "Passage 11"
    interaction = make_interaction(bot)
    await cog.source.callback(cog, interaction)
    assert "Marcin Kaczmarski" in sent(interaction)["embed"].fields[0].value
    interaction = make_interaction(bot)
    await cog.help.callback(cog, interaction)
    assert "/ask" in sent(interaction)["embed"].description


async def run_check(command, interaction):
    return all([await check(interaction) for check in command.checks])


async def test_members_are_refused_moderator_commands(bot):
    admin = bot.get_cog("Admin")
    member = make_interaction(bot, member=make_member(manage_guild=False))
    with pytest.raises(NotModerator):
        await run_check(admin.reload, member)
    with pytest.raises(NotModerator):
        await run_check(admin.settings, member)


async def test_manage_server_or_the_moderator_role_may(bot):
    admin = bot.get_cog("Admin")
    assert await run_check(admin.reload, make_interaction(bot, member=make_member(manage_guild=True)))
    await bot.store.update_settings(1, moderator_role_id=555)
    assert await run_check(admin.reload, make_interaction(bot, member=make_member(role_ids=(555,))))
    with pytest.raises(NotModerator):
        await run_check(admin.reload, make_interaction(bot, member=make_member(role_ids=(556,))))


async def test_failed_reload_keeps_the_old_knowledge_serving(tmp_path):
    root = write_knowledge(tmp_path / "k")
    bot = await make_bot(tmp_path, knowledge=root)
    try:
        admin = bot.get_cog("Admin")
        (root / "entries" / "tiny.yaml").write_text(SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))
        interaction = make_interaction(bot, member=make_member(manage_guild=True))
        await admin.reload.callback(admin, interaction)
        text = sent(interaction)["content"]
        assert "Reload failed" in text and "tiny.yaml:10" in text and "2 entries" in text
        assert bot.library.engine.ask("when was the weir built").entry.id == "weir-built"

        (root / "entries" / "tiny.yaml").write_text(SMALL_ENTRIES.replace("Year of the new weir", "Weir year"))
        interaction = make_interaction(bot, member=make_member(manage_guild=True))
        await admin.reload.callback(admin, interaction)
        assert "Reloaded: 2 entries" in sent(interaction)["content"]
    finally:
        await bot.store.close()


async def test_reload_with_the_folder_gone_keeps_serving(tmp_path):
    import shutil

    root = write_knowledge(tmp_path / "k")
    bot = await make_bot(tmp_path, knowledge=root)
    try:
        shutil.rmtree(root)
        result = bot.library.reload()
        assert not result.ok
        assert bot.library.engine.ask("when was the weir built").kind == "curated"
    finally:
        await bot.store.close()


async def test_settings_change_and_show(bot):
    admin = bot.get_cog("Admin")
    role = make_member()  # anything with an id
    role.id = 777
    interaction = make_interaction(bot, member=make_member(manage_guild=True))
    await admin.settings.callback(admin, interaction, moderator_role=role, visibility="private",
                                  texts="kaczmarski-2018")
    text = sent(interaction)["content"]
    assert "<@&777>" in text and "only to the asker" in text and "kaczmarski-2018" in text
    settings = await bot.store.settings(1)
    assert (settings.moderator_role_id, settings.ephemeral, settings.sources) == (777, True, ("kaczmarski-2018",))


async def test_settings_refuse_unknown_texts(bot):
    admin = bot.get_cog("Admin")
    interaction = make_interaction(bot, member=make_member(manage_guild=True))
    await admin.settings.callback(admin, interaction, texts="nope")
    assert "Unknown text id(s): nope" in sent(interaction)["content"]
    assert (await bot.store.settings(1)).sources is None


async def test_only_the_owner_may_sync_commands(bot):
    admin = bot.get_cog("Admin")
    bot.owner_id = 1
    interaction = make_interaction(bot, member=make_member(user_id=42, manage_guild=True))
    await admin.sync.callback(admin, interaction)
    assert "Only the bot's owner" in sent(interaction)["content"]


async def test_kb_gaps_shows_grouped_unanswered_questions(bot):
    for question in ("how many troops does russia have on the kurils", "how many russian troops on the kurils",
                     "what is japan's gdp", "which big sporting event did abe get a vip seat at"):
        answer = bot.library.engine.ask(question)
        await bot.store.log_question(guild_id=1, channel_id=2, question=question, kind=answer.kind,
                                     entry_id=None, confidence=answer.confidence)
    gaps = bot.tree.get_command("kb").get_command("gaps")
    interaction = make_interaction(bot, member=make_member(manage_guild=True))
    await gaps.callback(interaction)
    embed = sent(interaction)["embed"]
    assert embed.fields[0].name.startswith("#1 · 2×") and "troops" in embed.fields[0].name
    # The nearest entry says Russia has more troops there, not how many: a new entry, not a phrasing.
    nearest = bot.library.engine.ask("how many troops does russia have on the kurils").suggestions[0].entry_id
    assert nearest not in embed.fields[0].value and "likeliest passages" in embed.fields[0].value
    [gdp] = [f for f in embed.fields if "gdp" in f.name]
    assert "no passage speaks of it" in gdp.value  # only of Japan, as every passage does
    # A phrasing is offered with the entry's own answer, to check that it answers them.
    [games] = [f for f in embed.fields if "sporting" in f.name]
    sochi = bot.library.engine.kb.entry("sochi-olympics")
    assert "add a phrasing to `sochi-olympics`" in games.value and sochi.answer[:40] in games.value
