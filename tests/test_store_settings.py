"""A settings change is stored whole or not at all, and touches only what it names."""

import pytest

from bot.store import Store


@pytest.fixture
async def store(db_target):
    async with Store(db_target) as opened:
        yield opened


async def test_apply_settings_writes_only_the_named_settings(store):
    await store.apply_settings(5, timezone="Europe/Stockholm", moderator_role_id=99)
    await store.apply_settings(5, ephemeral=True, sources=("kaczmarski-2018",), channels=[(70, "kaczmarski-2018")])
    settings = await store.settings(5)
    assert (settings.moderator_role_id, settings.ephemeral, settings.sources, settings.timezone) == (
        99, True, ("kaczmarski-2018",), "Europe/Stockholm")
    assert await store.channel_text(5, 70) == "kaczmarski-2018"
    await store.apply_settings(5, sources=None, channels=[(70, None)])
    assert (await store.settings(5)).sources is None and await store.channel_text(5, 70) is None


async def test_a_servers_bound_channels_are_listed_and_no_other_servers(store):
    await store.apply_settings(5, channels=[(71, "kaczmarski-2018")])
    await store.apply_settings(5, channels=[(70, "tiny")])
    await store.apply_settings(6, channels=[(72, "kaczmarski-2018")])
    assert await store.channel_texts(5) == [(70, "tiny"), (71, "kaczmarski-2018")]
    await store.apply_settings(5, channels=[(70, None)])
    assert await store.channel_texts(5) == [(71, "kaczmarski-2018")] and await store.channel_texts(7) == []


async def test_a_failure_part_way_stores_none_of_the_change(store, monkeypatch):
    async def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_bind", broken)
    with pytest.raises(RuntimeError):
        await store.apply_settings(5, timezone="Europe/Stockholm", channels=[(70, "kaczmarski-2018")])
    assert (await store.settings(5)).timezone == "UTC"


async def test_prompts_and_suggestions_on_moved_passages_are_listed_and_renumbered(store):
    await store.add_custom_prompt(1, "On three", "t", 3, 9)
    await store.add_custom_prompt(1, "On four", "t", 4, 9)
    await store.add_custom_prompt(1, "Another text's three", "u", 3, 9)
    await store.add_suggestion(1, 9, "Suggested on three", "t", 3)
    moved = await store.prompts_citing({"t": {3: 4, 4: 5}})
    assert [(m.guild_id, m.kind, m.name, m.source, m.old, m.new) for m in moved] == [
        (1, "prompt", "custom-1", "t", 3, 4), (1, "prompt", "custom-2", "t", 4, 5), (1, "suggestion", "#1", "t", 3, 4)]
    assert [p.citations[0].passage for p in await store.custom_prompts(1)] == [3, 4, 3]  # listing changes nothing
    # A chain, three to four and four to five, renumbered row by row.
    assert await store.prompts_citing({"t": {3: 4, 4: 5}}, renumber=True) == moved
    assert [p.citations[0].passage for p in await store.custom_prompts(1)] == [4, 5, 3]
    assert [s.passage for s in await store.suggestions(1)] == [4]


async def test_a_servers_own_entries_on_moved_passages_are_listed_and_renumbered(store):
    record = {"id": "own", "source": "t", "questions": ["Q?"], "answer": "A.",
              "cite": [{"source": "t", "passage": 3, "quote": "x"}, {"source": "u", "passage": 3, "quote": "y"}]}
    await store.change_entry(1, "own", {"entry": record, "retired": False}, user_id=9, action="add")
    [moved] = await store.entries_citing({"t": {3: 4}})
    assert (moved.guild_id, moved.kind, moved.name, moved.source, moved.old, moved.new) == \
        (1, "entry", "own", "t", 3, 4)
    assert (await store.entry_state(1, "own"))["entry"]["cite"][0]["passage"] == 3  # listing changes nothing
    assert await store.entries_citing({"t": {3: 4}}, renumber=True) == [moved]
    cites = (await store.entry_state(1, "own"))["entry"]["cite"]
    assert [(c["source"], c["passage"]) for c in cites] == [("t", 4), ("u", 3)]  # another text's stays
