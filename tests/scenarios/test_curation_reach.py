"""A server's own entries and texts reach everything its members use, not only /ask."""

from __future__ import annotations

import sys

from tests.fakediscord import File
from tests.scenarios.test_curation_day import ESSAY, PHRASINGS, add_entry, make_curator

WEIR = "ashford-weir"
WEIR_PHRASINGS = ("When was the weir rebuilt in concrete?\nyear the ashford weir was rebuilt\n"
                  "In what year did the village weir get its concrete rebuild?")


async def bring_in_the_weir(discord_, curator):
    done = await discord_.slash(curator, "kb text add", file=File(f"{WEIR}.md", ESSAY.encode()))
    assert f"as `{WEIR}`" in done.text
    opened = await discord_.slash(curator, "kb add", text=WEIR, passage=2)
    shown = await discord_.submit(opened, {"questions": WEIR_PHRASINGS, "answer": "1952, after a winter flood.",
                                          "quote": "In 1952 the weir was rebuilt in concrete", "id": "weir-rebuilt"})
    saved = await discord_.click(shown, "Confirm", user=curator)
    assert "Saved `weir-rebuilt`" in saved.text


async def test_the_quiz_asks_a_servers_own_entry_and_reveals_its_passage(discord_):
    curator = await make_curator(discord_)
    await bring_in_the_weir(discord_, curator)
    bob = discord_.member("bob")
    quiz = await discord_.slash(bob, "quiz start", source=WEIR)
    assert "rebuilt" in quiz.text, quiz.text
    opened = await discord_.click(quiz, "Answer", user=bob)
    settled = await discord_.submit(opened, {"Your answer": "1952"}, user=bob)
    assert "Right!" in settled.text and "In 1952 the weir was rebuilt in concrete" in settled.text
    picked = await discord_.autocomplete(bob, "quiz start", "source", "ashford")
    assert [c["value"] if isinstance(c, dict) else c.value for c in picked.choices] == [WEIR]


async def test_the_quiz_never_asks_an_entry_this_server_retired(discord_, monkeypatch):
    curator = await make_curator(discord_)
    await discord_.slash(curator, "kb retire", entry="meeting-place")
    offered: list[list[str]] = []
    quiz_cog = sys.modules["bot.cogs.quiz"]  # the module the bot loaded (an extension loads its own copy)
    real_pick = quiz_cog.pick

    def pick(entries, records, **options):
        offered.append([e.id for e in entries])
        return real_pick(entries, records, **options)

    monkeypatch.setattr(quiz_cog, "pick", pick)
    started = await discord_.slash(discord_.member("bob"), "quiz start")
    assert offered, started.text
    assert "meeting-place" not in offered[0]
    other = discord_.add_guild("Other group")
    await discord_.connect()
    await discord_.slash(discord_.member("bob", other), "quiz start")
    assert "meeting-place" in offered[1]  # another server still has it


async def test_a_retired_entrys_old_quiz_question_is_gone(discord_):
    curator = await make_curator(discord_)
    bob = discord_.member("bob")
    quiz = await discord_.slash(bob, "quiz start")
    entry_id = quiz.message.button("Answer")["custom_id"].split(":", 4)[4]
    await discord_.slash(curator, "kb retire", entry=entry_id)
    gone = await discord_.click(quiz, "Give up", user=bob)
    assert gone.ephemeral and "That question is gone" in gone.text


async def test_search_passage_and_autocomplete_reach_a_servers_own_text_and_entries(discord_):
    curator = await make_curator(discord_)
    await bring_in_the_weir(discord_, curator)
    await add_entry(discord_, curator)
    bob = discord_.member("bob")
    found = await discord_.slash(bob, "search", words="otters anglers trout", source=WEIR)
    assert "Otters have returned" in found.text
    read = await discord_.slash(bob, "passage", number=2, source=WEIR)
    assert "In 1952 the weir was rebuilt" in read.text
    offered = await discord_.autocomplete(bob, "ask", "question", "islands japan claims")
    values = [c["value"] if isinstance(c, dict) else c.value for c in offered.choices]
    assert PHRASINGS.splitlines()[1] in values  # the phrasing of this server's entry that fits best
    offered = await discord_.autocomplete(bob, "ask", "question", "")
    values = [c["value"] if isinstance(c, dict) else c.value for c in offered.choices]
    assert values[:2] == ["When was the weir rebuilt in concrete?", PHRASINGS.splitlines()[0]]
    assert len(values) == 25 and len(set(values)) == 25


async def test_a_channel_can_be_bound_to_a_servers_own_text(discord_):
    curator = await make_curator(discord_)
    await bring_in_the_weir(discord_, curator)
    owner = discord_.guild.members[discord_.guild.owner_id]
    bound = await discord_.slash(owner, "settings", channel_text=WEIR)
    assert f"asks {WEIR}" in bound.text, bound.text
    chosen = await discord_.slash(owner, "settings", texts=f"kaczmarski-2018, {WEIR}")
    assert "Nothing was changed" not in chosen.text
    read = await discord_.slash(discord_.member("bob"), "passage", number=3)  # the channel's text
    assert "Otters have returned" in read.text
    # Removed, the text takes its binding and its place among the chosen texts with it.
    removed = await discord_.slash(curator, "kb text remove", text=WEIR)
    assert "no longer ask" in removed.text
    settings = await discord_.bot.store.settings(discord_.guild.id)
    assert settings.sources == ("kaczmarski-2018",) and await discord_.bot.store.channel_texts(discord_.guild.id) == []


async def test_a_prompt_on_a_servers_own_text_is_suggested_approved_and_posted(discord_):
    curator = await make_curator(discord_)
    await bring_in_the_weir(discord_, curator)
    alice, owner = discord_.member("alice"), discord_.guild.members[discord_.guild.owner_id]
    suggested = await discord_.slash(alice, "prompt suggest", source=WEIR, passage=3,
                                     text="Should a listed weir be kept even when the mill is gone?")
    assert "waits for a moderator" in suggested.text, suggested.text
    queue = await discord_.slash(owner, "prompt-admin queue")
    await discord_.click(queue, "Approve #1")
    listed = await discord_.slash(alice, "prompt list")
    assert "listed weir" in listed.text
    picked = await discord_.autocomplete(owner, "prompt-admin post", "prompt", "listed weir")
    assert picked.choices
    value = picked.choices[0]["value"] if isinstance(picked.choices[0], dict) else picked.choices[0].value
    posted = await discord_.slash(owner, "prompt-admin post", prompt=value)
    assert "Posted" in posted.text
    shown = [m for m in discord_.messages() if "listed weir" in m.text and "Today the weir is a listed" in m.text]
    assert shown, "the posted prompt quotes its passage of the server's own text"


async def test_a_new_version_of_a_servers_text_that_moves_what_its_entries_cite_is_refused(discord_):
    curator = await make_curator(discord_)
    await bring_in_the_weir(discord_, curator)
    # The first paragraph cut: "In 1952 the weir was rebuilt in concrete" moves from passage 2 to 1.
    cut = ESSAY.replace(ESSAY.split("\n\n")[2] + "\n\n", "")
    refused = await discord_.slash(curator, "kb text add", file=File(f"{WEIR}.md", cut.encode()))
    assert "Not brought in" in refused.text
    assert "'weir-rebuilt' cites passage 2" in refused.text and "now in passage 1" in refused.text
    served = discord_.bot.library.kb_for(discord_.guild.id).sources[WEIR]
    assert "rebuilt in concrete" in served.passage(2).text  # the version the entries cite still serves
