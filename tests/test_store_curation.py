"""The store keeps each server's entries, texts and changes apart, with who and when."""

from datetime import UTC, datetime, timedelta

from bot.store import Store
from bot.store.curation import FORM_LIFETIME

RECORD = {"id": "e1", "source": "s", "questions": ["a", "b", "c"], "answer": "x",
          "cite": [{"source": "s", "passage": 1, "quote": "q"}], "accept": [], "tags": [], "related": [],
          "draft": False}


async def test_changes_are_kept_per_server_with_before_and_after(db_target):
    async with Store(db_target) as store:
        added = await store.change_entry(1, "e1", {"entry": RECORD, "retired": False}, user_id=10, action="add")
        edited = {**RECORD, "answer": "y"}
        await store.change_entry(1, "e1", {"entry": edited, "retired": False}, user_id=11, action="edit")
        await store.change_entry(2, "e1", {"entry": RECORD, "retired": True}, user_id=12, action="retire")
        await store.save_text(1, "t1", "---\nid: t1\n---\n", user_id=10)
        changes = await store.entry_changes(1, "e1")
        assert [(c.action, c.user_id) for c in changes] == [("edit", 11), ("add", 10)]
        assert changes[0].before == {"entry": RECORD, "retired": False} and changes[0].after["entry"]["answer"] == "y"
        assert (await store.entry_change(1, added.number)).before is None
        assert (await store.entry_change(2, added.number)).action == "retire"  # server 2's own #1, not server 1's
        assert await store.entry_change(3, added.number) is None
        rows = await store.guild_rows()
        assert rows[1].entries == [("e1", {"entry": edited, "retired": False})] and rows[1].texts[0][0] == "t1"
        assert rows[2].entries == [("e1", {"entry": RECORD, "retired": True})] and rows[2].texts == []
        await store.change_entry(1, "e1", None, user_id=10, action="undo")
        assert await store.entry_state(1, "e1") is None and (await store.guild_rows(1))[1].entries == []
        assert await store.remove_text(1, "t1") and not await store.remove_text(1, "t1")
        form = await store.save_form(1, 10, {"questions": ["typed"]})
        assert await store.form(1, form) == {"questions": ["typed"]} and await store.form(2, form) is None


async def test_forms_expire_after_a_day(db_target):
    async with Store(db_target) as store:
        old = await store.save_form(1, 10, {"questions": ["yesterday's"]})
        kept = await store.save_form(1, 10, {"questions": ["this morning's"]})
        two_days_ago = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
        hours_ago = (datetime.now(UTC) - FORM_LIFETIME + timedelta(hours=1)).isoformat(timespec="seconds")
        await store.db.execute("UPDATE entry_forms SET created_at = ? WHERE id = ?", (two_days_ago, old))
        await store.db.execute("UPDATE entry_forms SET created_at = ? WHERE id = ?", (hours_ago, kept))
        await store.commit()
        assert await store.form(1, old) is None  # expired: its buttons say the form is gone
        assert await store.form(1, kept) == {"questions": ["this morning's"]}
        new = await store.save_form(1, 11, {"questions": ["now"]})
        async with store.db.execute("SELECT id FROM entry_forms ORDER BY id") as rows:
            assert [row[0] async for row in rows] == [kept, new]  # the expired one is deleted, not only hidden


async def test_a_servers_knowledge_version_moves_with_each_change_and_only_its_own(db_target):
    async with Store(db_target) as store:
        assert await store.knowledge_versions() == {}
        await store.change_entry(1, "e1", {"entry": RECORD, "retired": False}, user_id=10, action="add")
        first = await store.knowledge_versions()
        await store.save_text(2, "t1", "---\nid: t1\n---\n", user_id=10)
        second = await store.knowledge_versions()
        assert second[1] == first[1] and 2 in second  # another server's change leaves this one's alone
        await store.change_entry(1, "e1", {"entry": RECORD, "retired": True}, user_id=10, action="retire")
        await store.save_text(2, "t1", "---\nid: t1\n---\nmore\n", user_id=10)
        third = await store.knowledge_versions()
        assert third[1] != second[1] and third[2] != second[2]
        await store.remove_text(2, "t1")
        assert 2 not in await store.knowledge_versions()


async def test_a_removed_text_takes_its_channel_bindings_and_its_place_among_the_chosen_texts(db_target):
    async with Store(db_target) as store:
        await store.save_text(1, "t1", "---\nid: t1\n---\n", user_id=10)
        await store.save_text(2, "t1", "---\nid: t1\n---\n", user_id=10)
        await store.update_settings(1, sources=("t1", "shared"))
        await store.update_settings(2, sources=("t1",))
        await store.bind_channel(1, 50, "t1")
        await store.bind_channel(1, 51, "shared")
        await store.bind_channel(2, 50, "t1")
        assert await store.remove_text(1, "t1")
        # A channel bound to it no longer asks a text that is gone; the other server's keeps its own.
        assert await store.channel_texts(1) == [(51, "shared")] and await store.channel_texts(2) == [(50, "t1")]
        assert (await store.settings(1)).sources == ("shared",) and (await store.settings(2)).sources == ("t1",)
        assert await store.remove_text(2, "t1")
        assert (await store.settings(2)).sources is None  # none of its chosen texts left: every text
