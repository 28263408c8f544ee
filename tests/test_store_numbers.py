"""Each server numbers its own suggestions, prompts and entry changes from 1, on SQLite and PostgreSQL alike."""

import asyncio

import pytest

from bot.store import MIGRATIONS, Store
from bot.store.core import statements
from bot.store.postgres import VERSION_TABLE, schema

SOURCE = "kaczmarski-2018"
RECORD = {"id": "e1", "questions": ["Why?", "How come?"], "answer": "Because.", "source": SOURCE, "cite": []}


@pytest.fixture
async def store(db_target):
    async with Store(db_target) as opened:
        yield opened


async def change(store, guild_id: int, action: str = "add"):
    return await store.change_entry(guild_id, "e1", {"entry": RECORD, "retired": action == "retire"}, user_id=10,
                                    action=action)


async def test_each_server_numbers_its_own_from_one(store):
    # Interleaved, as two busy servers write: a shared row id would give the second server 2, 4, ...
    for guild_id in (1, 2):
        assert await store.add_suggestion(guild_id, 42, f"First in {guild_id}?", SOURCE, None) == 1
        assert (await store.add_custom_prompt(guild_id, f"Prompt of {guild_id}", SOURCE, 3, 42)).id == "custom-1"
        assert (await change(store, guild_id)).number == 1
    assert await store.add_suggestion(2, 42, "Second in 2?", SOURCE, None) == 2
    assert (await store.add_custom_prompt(1, "Another of 1", SOURCE, 4, 42)).id == "custom-2"
    assert (await change(store, 1, "retire")).number == 2
    assert [s.number for s in await store.suggestions(2)] == [1, 2]
    assert [p.id for p in await store.custom_prompts(1)] == ["custom-1", "custom-2"]
    assert [c.number for c in await store.entry_changes(1, "e1")] == [2, 1]  # newest first
    assert [c.number for c in await store.entry_changes(2, "e1")] == [1]


async def test_a_removed_prompts_number_is_never_given_again(db_target):
    async with Store(db_target) as store:
        await store.add_custom_prompt(2, "The other server's first", SOURCE, 3, 42)
        await store.add_custom_prompt(1, "Kept", SOURCE, 3, 42)
        removed = await store.add_custom_prompt(1, "Posted, then removed", SOURCE, 4, 42)
        await store.record_post(1, removed.id, 5, 6)
        assert await store.remove_custom_prompt(1, removed.id) is not None
        # Given again, the posting history would say the new prompt had been posted already.
        assert (await store.add_custom_prompt(1, "A new one", SOURCE, 5, 42)).id == "custom-3"
    async with Store(db_target) as store:  # the count outlives the connection
        for prompt in await store.custom_prompts(1):
            await store.remove_custom_prompt(1, prompt.id)
        assert await store.custom_prompts(1) == []
        assert (await store.add_custom_prompt(1, "After all were removed", SOURCE, 5, 42)).id == "custom-4"
        assert "custom-4" not in await store.post_history(1)
        assert [p.id for p in await store.custom_prompts(2)] == ["custom-1"]


async def test_one_server_cannot_decide_remove_or_undo_anothers_by_number(store):
    for guild_id, user in ((1, 41), (1, 43), (2, 42)):
        await store.add_suggestion(guild_id, user, f"Suggested by {user}?", SOURCE, None)
        await store.add_custom_prompt(guild_id, f"Prompt by {user}", SOURCE, 3, user)
    await change(store, 1)
    await change(store, 1, "retire")
    await change(store, 2, "retire")
    # Server 2's #2 does not exist: server 1's #2 is not reached through it.
    assert await store.decide(2, 2, True, 7) is None
    assert await store.remove_custom_prompt(2, "custom-2") is None
    assert await store.entry_change(2, 2) is None
    assert [s.number for s in await store.suggestions(1)] == [1, 2]
    assert [p.id for p in await store.custom_prompts(1)] == ["custom-1", "custom-2"]
    # Server 2's #1 is its own, and deciding or removing it leaves server 1's #1 as it was.
    decided = await store.decide(1, 2, False, 7)
    assert (decided.guild_id, decided.number, decided.user_id, decided.status) == (2, 1, 42, "rejected")
    assert (await store.remove_custom_prompt(2, "custom-1")).text == "Prompt by 42"
    assert (await store.entry_change(2, 1)).action == "retire" and (await store.entry_change(1, 1)).action == "add"
    assert [s.number for s in await store.suggestions(1)] == [1, 2]
    assert [p.text for p in await store.custom_prompts(1)] == ["Prompt by 41", "Prompt by 43"]
    assert await store.suggestions(3) == [] and await store.entry_change(3, 1) is None


async def test_numbers_taken_at_once_by_two_connections_are_each_given_once(db_target):
    """Two processes (a sharded bot and the CLI, say) on one database never hand out one number twice."""
    asking = [(guild_id, store, n) for n in range(5) for guild_id in (1, 2) for store in ("first", "second")]
    async with Store(db_target) as first, Store(db_target) as second:
        stores = {"first": first, "second": second}
        made = await asyncio.gather(*(stores[store].add_suggestion(guild_id, 42, f"{store} {n}?", SOURCE, None)
                                      for guild_id, store, n in asking))
        for guild_id in (1, 2):
            numbers = [number for (guild, _, _), number in zip(asking, made, strict=True) if guild == guild_id]
            assert sorted(numbers) == list(range(1, 11))
            assert [s.number for s in await second.suggestions(guild_id)] == list(range(1, 11))


# -- a database from before servers numbered their own ------------------------------------------

PREVIOUS = len(MIGRATIONS) - 1  # the schema the numbering migration upgrades


async def _at_previous_schema(target: str) -> None:
    """A database as the Citebot before this numbering left it, with two servers' rows interleaved
    (so the row ids people were shown run across both servers)."""
    store = Store(target, migrate=False)
    await store.open()
    try:
        for script in MIGRATIONS[:PREVIOUS]:
            for statement in statements(script):
                await (store.db.raw.execute(schema(statement)) if store.url else store.db.execute(statement))
        if store.url:
            await store.db.raw.execute(f"CREATE TABLE {VERSION_TABLE} (version INTEGER NOT NULL)")
            await store.db.raw.execute(f"INSERT INTO {VERSION_TABLE} VALUES ({PREVIOUS})")
        else:
            await store.db.execute(f"PRAGMA user_version = {PREVIOUS}")
        for guild_id in (1, 2, 1):  # suggestions #1 and #3 in server 1, #2 in server 2
            await store.db.execute("INSERT INTO suggestions (guild_id, user_id, text, created_at) VALUES (?, ?, ?, ?)",
                                   (guild_id, 40 + guild_id, f"Old suggestion in {guild_id}?", "t"))
        for guild_id in (2, 1, 1, 2):  # custom-1 and custom-4 in server 2; custom-2 and custom-3 in server 1
            await store.db.execute("INSERT INTO custom_prompts (guild_id, text, source, created_at) "
                                   "VALUES (?, ?, ?, ?)", (guild_id, f"Old prompt in {guild_id}", SOURCE, "t"))
        # Server 1's custom-3 was posted, then removed: its number lives on in the posting history.
        await store.db.execute("INSERT INTO prompt_posts (guild_id, prompt_id, posted_at) VALUES (1, 'custom-3', 't')")
        await store.db.execute("INSERT INTO prompt_posts (guild_id, prompt_id, posted_at) VALUES (1, 'custom-2', 't')")
        await store.db.execute("DELETE FROM custom_prompts WHERE id = 3")
        for guild_id in (2, 2, 1):  # changes #1 and #2 in server 2, #3 in server 1
            await store.db.execute(
                "INSERT INTO entry_changes (guild_id, entry_id, action, after_state, user_id, changed_at) "
                "VALUES (?, 'e1', 'add', NULL, 10, 't')", (guild_id,))
        await store.db.commit()
    finally:
        await store.close()


async def test_an_upgraded_database_keeps_the_numbers_people_know_and_goes_on_per_server(db_target):
    await _at_previous_schema(db_target)
    async with Store(db_target) as store:
        assert await store.version() == len(MIGRATIONS)
        assert [s.number for s in await store.suggestions(1)] == [1, 3]
        assert [s.number for s in await store.suggestions(2)] == [2]
        assert [p.id for p in await store.custom_prompts(1)] == ["custom-2"]
        assert [p.id for p in await store.custom_prompts(2)] == ["custom-1", "custom-4"]
        assert set(await store.post_history(1)) == {"custom-2", "custom-3"}
        assert (await store.entry_change(1, 3)).guild_id == 1 and await store.entry_change(1, 1) is None
        # Each server goes on after the highest number it used; server 1's removed custom-3 is not given again.
        assert await store.add_suggestion(1, 41, "New in 1?", SOURCE, None) == 4
        assert await store.add_suggestion(2, 42, "New in 2?", SOURCE, None) == 3
        assert (await store.add_custom_prompt(1, "New in 1", SOURCE, 3, 41)).id == "custom-4"
        assert (await store.add_custom_prompt(2, "New in 2", SOURCE, 3, 42)).id == "custom-5"
        assert (await change(store, 1)).number == 4
        assert (await change(store, 2)).number == 3
        # A server the bot had not met starts at 1.
        assert await store.add_suggestion(3, 43, "First in 3?", SOURCE, None) == 1
        # An old Approve #3 button (its custom id carries the old row id) decides the same suggestion.
        decided = await store.decide(3, 1, True, 7)
        assert (decided.guild_id, decided.text) == (1, "Old suggestion in 1?")
