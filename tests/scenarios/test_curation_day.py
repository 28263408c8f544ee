"""A curators' day in Discord: entries added, fixed, edited and undone; a gap closed; a text brought in."""

from __future__ import annotations

import asyncio

import discord
import pytest

from tests.fakediscord import CommandHidden, File

QUESTION = "Which island chain did Japan want back from Russia?"
PHRASINGS = f"{QUESTION}\nthe islands japan claims from russia\nWhat territory do Japan and Russia dispute?"
SOURCE = "kaczmarski-2018"
ESSAY = ("# The Weir of Ashford\n\nBy Miriam Holt\n\n"
         "The weir at Ashford was built in 1791 to power the corn mill beside the river. Its stone sill "
         "holds back the water so that the mill race always runs, even in the driest summer months.\n\n"
         "In 1952 the weir was rebuilt in concrete after a winter flood tore away half of the old stones. "
         "The engineers kept the line of the old sill, and the village paid for a fish pass beside it.\n\n"
         "Today the weir is a listed structure. Otters have returned to the river above it, and anglers "
         "say the pool below the sill holds the largest trout in the county.\n")


async def make_curator(discord_, name: str = "alice"):
    owner = discord_.guild.members[discord_.guild.owner_id]
    role = discord_.add_role("Curators", permissions=discord.Permissions.none())  # no moderator permission
    member = discord_.member(name)
    member.roles.append(role)
    done = await discord_.slash(owner, "settings", curator_role=role)
    assert "Curator role: <@&" in done.text
    return member


def form_values(opened) -> dict[str, str]:
    """What a form opened with, by field."""
    inputs = [c.get("component") or c["components"][0] for c in opened.modal["components"]]
    return {i["custom_id"]: i.get("value") for i in inputs}


def quote_of(discord_, number: int) -> str:
    passage = discord_.bot.library.kb.passage(SOURCE, number)
    return " ".join(passage.text.split()[:8])


async def add_entry(discord_, curator, entry_id: str = "kurils-claim"):
    opened = await discord_.slash(curator, "kb add", text=SOURCE, passage=1)
    shown = await discord_.submit(opened, {"questions": PHRASINGS, "answer": "The southern Kuril Islands.",
                                          "quote": quote_of(discord_, 1), "id": entry_id})
    assert "How members will see" in shown.text and shown.ephemeral
    return await discord_.click(shown, "Confirm", user=curator)


async def test_a_curator_adds_an_entry_and_a_member_gets_it(discord_):
    curator = await make_curator(discord_)
    before = await discord_.slash(discord_.member("bob"), "ask", question=QUESTION)
    assert "southern Kuril Islands" not in before.text
    saved = await add_entry(discord_, curator)
    assert "Saved `kurils-claim`" in saved.text
    asked = await discord_.slash(discord_.member("bob"), "ask", question=QUESTION)
    assert "The southern Kuril Islands." in asked.text
    # The change is stored with who made it, and served again after a restart.
    await discord_.restart()
    again = await discord_.slash(discord_.member("bob"), "ask", question="the islands japan claims from russia")
    assert "The southern Kuril Islands." in again.text
    history = await discord_.slash(curator, "kb history", entry="kurils-claim")
    assert f"<@{curator.id}> **add**" in history.text


async def test_a_form_that_fails_is_shown_again_with_what_was_typed(discord_):
    curator = await make_curator(discord_)
    opened = await discord_.slash(curator, "kb add", text=SOURCE, passage=2)
    typed = {"questions": "only one phrasing?", "answer": "An answer I took care over.",
             "quote": "words that are in no passage at all", "id": "my-entry"}
    refused = await discord_.submit(opened, typed)
    text = refused.text
    assert "**Phrasings**" in text and "has 1 phrasing(s)" in text
    assert "**Quote**" in text and "the quote is not in passage 2" in text
    assert "Confirm" not in refused.message.labels
    fixed = await discord_.click(refused, "Fix it", user=curator)
    fields = form_values(fixed)
    assert fields["answer"] == typed["answer"] and fields["quote"] == typed["quote"]
    assert fields["questions"] == typed["questions"] and fields["passage"] == "2"
    assert discord_.bot.library.kb_for(discord_.guild.id).entry("my-entry") is None


async def test_an_edit_is_undone_from_the_history(discord_):
    curator = await make_curator(discord_)
    await add_entry(discord_, curator)
    opened = await discord_.slash(curator, "kb edit", entry="kurils-claim")
    fields = form_values(opened)
    assert fields["answer"] == "The southern Kuril Islands." and "id" not in fields
    shown = await discord_.submit(opened, {**fields, "answer": "The Northern Territories (the southern Kurils)."})
    await discord_.click(shown, "Confirm", user=curator)
    bob = discord_.member("bob")
    assert "Northern Territories" in (await discord_.slash(bob, "ask", question=QUESTION)).text
    history = await discord_.slash(curator, "kb history", entry="kurils-claim")
    assert "**edit**" in history.text and "Northern Territories" in history.text
    await discord_.click(history, "Undo", user=curator)
    back = await discord_.slash(bob, "ask", question=QUESTION)
    assert "The southern Kuril Islands." in back.text and "Northern Territories" not in back.text


async def test_retiring_a_shared_entry_affects_this_server_only(discord_):
    curator = await make_curator(discord_)
    other = discord_.add_guild("Other group")
    await discord_.connect()
    question = "Where did Abe meet Putin?"
    retired = await discord_.slash(curator, "kb retire", entry="meeting-place")
    assert "Retired `meeting-place`" in retired.text
    here = await discord_.slash(discord_.member("bob"), "ask", question=question)
    there = await discord_.slash(discord_.member("bob", other), "ask", question=question)
    assert "Vladivostok" in there.text and "On the margins" not in here.text.split("\n")[0]
    assert discord_.bot.library.kb_for(discord_.guild.id).entry("meeting-place") is None
    await discord_.click(retired, "Undo", user=curator)
    assert discord_.bot.library.kb_for(discord_.guild.id).entry("meeting-place") is not None


async def test_a_gap_is_answered_from_the_queue(discord_):
    curator = await make_curator(discord_)
    bob = discord_.member("bob")
    missed = await discord_.slash(bob, "ask", question=QUESTION)
    assert "southern Kuril Islands" not in missed.text
    queue = await discord_.slash(curator, "kb gaps")
    assert QUESTION.lower()[:30] in queue.text.lower()
    opened = await discord_.click(queue, "#1: Answer this", user=curator)
    fields = form_values(opened)
    assert QUESTION in fields["questions"]
    typed = {**fields, "questions": PHRASINGS, "answer": "The southern Kuril Islands.", "passage": "1",
             "quote": quote_of(discord_, 1), "id": "kurils-claim"}
    shown = await discord_.submit(opened, typed, user=curator)
    await discord_.click(shown, "Confirm", user=curator)
    assert "The southern Kuril Islands." in (await discord_.slash(bob, "ask", question=QUESTION)).text


async def _a_right_answer_voted_down(discord_):
    """A member votes down a right answer; the curator opens the queue. Returns curator, member, queue."""
    curator = await make_curator(discord_)
    bob = discord_.member("bob")
    asked = await discord_.slash(bob, "ask", question="Where did Abe meet Putin?")
    await discord_.click(asked, "\U0001f44e", user=bob)
    return curator, bob, await discord_.slash(curator, "kb gaps")


async def test_a_downvoted_answer_shows_in_the_queue_and_gets_a_phrasing(discord_):
    curator, bob, queue = await _a_right_answer_voted_down(discord_)
    assert "answered with `meeting-place`" in queue.text
    # A question the entry answers, in words it does not list, gets "add as a phrasing of" it.
    near = "which big sporting event did abe get a vip seat at"
    await discord_.slash(bob, "ask", question=near)
    queue = await discord_.slash(curator, "kb gaps")
    buttons = [b["label"] for b in queue.message.buttons if "add as a phrasing of" in (b.get("label") or "")]
    if buttons:
        added = await discord_.click(queue, buttons[0], user=curator)
        assert "Added to" in added.text
        entry_id = buttons[0].rsplit(" ", 1)[1]
        assert near in discord_.bot.library.kb_for(discord_.guild.id).entry(entry_id).questions
    else:
        pytest.fail(f"no phrasing button in the queue: {queue.message.labels}")


async def test_a_text_is_brought_in_and_answered_from_at_once(discord_):
    curator = await make_curator(discord_)
    refused = await discord_.slash(curator, "kb text add", file=File("scan.pdf", b"%PDF-1.4"))
    assert "is not a .txt or .md file" in refused.text
    too_big = await discord_.slash(curator, "kb text add", file=File("big.txt", b"word " * 120_000))
    assert "a text may be at most" in too_big.text
    done = await discord_.slash(curator, "kb text add", file=File("ashford-weir.md", ESSAY.encode()))
    assert "as `ashford-weir`" in done.text and "3 passages" in done.text
    again = await discord_.slash(curator, "kb text add", file=File("weir-copy.md", ESSAY.encode()))
    assert "serves this text already, as `ashford-weir`" in again.text
    assert "weir-copy" not in discord_.bot.library.kb_for(discord_.guild.id).sources
    asked = await discord_.slash(discord_.member("bob"), "ask", question="When was the weir rebuilt in concrete?")
    assert "1952" in asked.text
    removed = await discord_.slash(curator, "kb text remove", text="ashford-weir")
    assert "Removed" in removed.text
    after = await discord_.slash(discord_.member("bob"), "ask", question="When was the weir rebuilt in concrete?")
    assert "1952" not in after.text


async def test_a_second_server_sees_none_of_it(discord_):
    curator = await make_curator(discord_)
    await add_entry(discord_, curator)
    await discord_.slash(curator, "kb text add", file=File("ashford-weir.md", ESSAY.encode()))
    other = discord_.add_guild("Other group")
    await discord_.connect()
    bob_there = discord_.member("bob", other)
    asked = await discord_.slash(bob_there, "ask", question=QUESTION)
    assert "southern Kuril Islands" not in asked.text
    weir = await discord_.slash(bob_there, "ask", question="When was the weir rebuilt in concrete?")
    assert "1952" not in weir.text
    owner = other.members[other.owner_id]
    picked = await discord_.autocomplete(owner, "kb edit", "entry", "kurils")
    assert picked.choices == []
    assert discord_.bot.library.kb_for(other.id).entry("kurils-claim") is None


CURATION = [("kb add", {"text": SOURCE}), ("kb edit", {"entry": "meeting-place"}),
            ("kb retire", {"entry": "meeting-place"}), ("kb history", {"entry": "meeting-place"}),
            ("kb text add", {"file": File("a.md", ESSAY.encode())}), ("kb text remove", {"text": "a"})]


@pytest.mark.parametrize(("command", "options"), CURATION)
async def test_a_member_without_the_curator_role_is_refused(discord_, command, options):
    await make_curator(discord_)
    for name in ("bob", "mod"):  # a member, and a moderator who is no curator: both see /kb, neither may use it
        refused = await discord_.slash(discord_.member(name), command, **options)
        assert refused.ephemeral and "Only curators can change the knowledge" in refused.text
    assert discord_.bot.library.kb_for(discord_.guild.id).entry("meeting-place") is not None


async def test_a_curator_role_without_moderator_permissions_curates_and_sees_no_moderator_commands(discord_):
    owner = discord_.guild.members[discord_.guild.owner_id]
    role = discord_.add_role("Teachers", permissions=discord.Permissions.none())
    alice = discord_.member("alice")
    alice.roles.append(role)
    told = await discord_.slash(owner, "settings", curator_role=role)
    assert "can now use /kb add" in told.text and "no other permission or Integrations setting" in told.text
    retired = await discord_.slash(alice, "kb retire", entry="meeting-place")
    assert "Retired `meeting-place`" in retired.text
    queue = await discord_.slash(alice, "kb gaps")
    assert queue.ephemeral
    for command in ("kb-admin reload", "prompt-admin queue", "settings"):
        with pytest.raises(CommandHidden):
            await discord_.slash(alice, command)


async def test_only_manage_server_chooses_curators_and_never_everyone(discord_):
    mod = discord_.member("mod")
    owner = discord_.guild.members[discord_.guild.owner_id]
    await discord_.bot.store.update_settings(discord_.guild.id, moderator_role_id=discord_.role("Moderators").id)
    refused = await discord_.slash(mod, "settings", curator_role=discord_.role("Moderators"))
    assert "Only members with Manage Server can choose the curator role" in refused.text
    refused = await discord_.slash(owner, "settings", curator_role=discord_.guild.everyone)
    assert "@everyone can't be the curator role" in refused.text
    assert (await discord_.bot.store.settings(discord_.guild.id)).curator_role_id is None


async def test_an_edit_checks_every_citation_and_shows_each_problem_by_line(discord_):
    curator = await make_curator(discord_)
    shared = discord_.bot.library.kb.entry("who-is-abe")
    assert [c.passage for c in shared.citations] == [2, 4]
    opened = await discord_.slash(curator, "kb edit", entry="who-is-abe")
    fields = form_values(opened)
    assert fields["passage"] == "2" and fields["more"] == f"4: {shared.citations[1].quote}"
    typed = {**fields, "more": "4: words that are in no passage at all\nsee the second paragraph"}
    refused = await discord_.submit(opened, typed, user=curator)
    assert "**Other citations**" in refused.text and "Confirm" not in refused.message.labels
    assert "line 1: 'who-is-abe': the quote is not in passage 4" in refused.text
    assert "line 2 (\u201csee the second paragraph\u201d) is not a citation" in refused.text
    fixed = await discord_.click(refused, "Fix it", user=curator)
    assert form_values(fixed)["more"] == typed["more"]  # what was typed is kept
    shown = await discord_.submit(fixed, {**typed, "more": f"kaczmarski-2018 9: {quote_of(discord_, 9)}\n\n"
                                          f"4: {shared.citations[1].quote}"}, user=curator)
    assert "How members will see" in shown.text and "Passage 9" in shown.text, shown.text
    await discord_.click(shown, "Confirm", user=curator)
    served = discord_.bot.library.kb_for(discord_.guild.id).entry("who-is-abe")
    assert [c.passage for c in served.citations] == [2, 9, 4]
    again = form_values(await discord_.slash(curator, "kb edit", entry="who-is-abe"))
    assert again["more"].splitlines() == [f"9: {quote_of(discord_, 9)}", f"4: {shared.citations[1].quote}"]


async def test_buttons_of_an_expired_form_say_so(discord_):
    curator = await make_curator(discord_)
    opened = await discord_.slash(curator, "kb add", text=SOURCE, passage=1)
    previewed = await discord_.submit(opened, {"questions": PHRASINGS, "answer": "The southern Kuril Islands.",
                                              "quote": quote_of(discord_, 1), "id": "kurils-claim"})
    await discord_.slash(discord_.member("bob"), "ask", question="which big sporting event did abe get a vip seat at")
    queue = await discord_.slash(curator, "kb gaps")
    store = discord_.bot.store
    await store.db.execute("UPDATE entry_forms SET created_at = ?", ("2000-01-01T00:00:00+00:00",))
    await store.commit()
    changed = await discord_.click(previewed, "Change it", user=curator)
    assert "That form is gone (what a form holds is kept for a day)" in changed.text
    confirmed = await discord_.click(previewed, "Confirm", user=curator)
    assert "Not saved: the form is gone" in confirmed.text
    phrasing = next(b["label"] for b in queue.message.buttons if "add as a phrasing of" in (b.get("label") or ""))
    clicked = await discord_.click(queue, phrasing, user=curator)
    assert "That button has expired" in clicked.text
    assert discord_.bot.library.kb_for(discord_.guild.id).entry("kurils-claim") is None


async def test_an_entry_put_from_the_terminal_reaches_the_running_bot(discord_, tmp_path, monkeypatch):
    # The bot's owner curates at the terminal (`citebot server entries`) while the bot runs: it looks
    # for such changes every minute (here: asked to look now) and serves them, nothing restarted.
    from bot.cli import main

    curator = await make_curator(discord_)
    entries = tmp_path / "mine.yaml"
    entries.write_text(f"source: {SOURCE}\nentries:\n  - id: kurils-claim\n    questions:\n"
                       + "".join(f"      - {q}\n" for q in PHRASINGS.splitlines())
                       + f"    answer: The southern Kuril Islands.\n    cite:\n      - passage: 1\n"
                       f"        quote: \"{quote_of(discord_, 1)}\"\n", encoding="utf-8")
    monkeypatch.setenv("CITEBOT_DB", str(discord_.database))
    guild = str(discord_.guild.id)
    assert await asyncio.to_thread(main, ["server", "entries", "--guild", guild, "--put", str(entries)]) == 0
    cog = discord_.bot.get_cog("Curate")
    assert await cog.follow_changes() == [discord_.guild.id]
    asked = await discord_.slash(discord_.member("bob"), "ask", question=QUESTION)
    assert "The southern Kuril Islands." in asked.text
    history = await discord_.slash(curator, "kb history", entry="kurils-claim")
    assert "the terminal **add**" in history.text
    assert await cog.follow_changes() == []  # nothing new: nothing served again
    # Retired from the terminal: no longer answered here, from the next look on.
    assert await asyncio.to_thread(main, ["server", "entries", "--guild", guild, "--retire", "kurils-claim"]) == 0
    assert await cog.follow_changes() == [discord_.guild.id]
    asked = await discord_.slash(discord_.member("bob"), "ask", question=QUESTION)
    assert "The southern Kuril Islands." not in asked.text


async def test_the_queue_numbers_a_gap_as_the_terminal_does(discord_, monkeypatch, capsys):
    # Numbered by place in the list, Discord's #1 was the terminal's #2: `kb gaps --dismiss 1`,
    # as the queue's own note says to use for the gaps without buttons, took another gap or none.
    from bot.cli import main

    curator = await make_curator(discord_)
    bob = discord_.member("bob")
    await discord_.slash(bob, "ask", question="Who wrote the analysis?")  # logged first, answered well
    asked = await discord_.slash(bob, "ask", question="Where did Abe meet Putin?")
    await discord_.click(asked, "\U0001f44e", user=bob)
    queue = await discord_.slash(curator, "kb gaps")
    assert "#2 \u00b7" in queue.text and "#2: dismiss" in queue.message.labels, queue.text
    monkeypatch.setenv("CITEBOT_DB", str(discord_.database))
    capsys.readouterr()
    assert await asyncio.to_thread(main, ["kb", "gaps", "--guild", str(discord_.guild.id)]) == 0
    assert "#2 " in capsys.readouterr().out


async def test_a_gap_is_dismissed_from_the_queue_by_a_curator(discord_):
    # One thumbs-down on a right answer stayed in the queue for good.
    curator, bob, queue = await _a_right_answer_voted_down(discord_)
    assert "Where did Abe meet Putin?" in queue.text and "#1: dismiss" in queue.message.labels
    dismissed = await discord_.click(queue, "#1: dismiss", user=curator)
    assert "1 logged question(s) left the queue" in dismissed.text and dismissed.ephemeral
    again = await discord_.slash(curator, "kb gaps")
    assert "Where did Abe meet Putin?" not in again.text
    # Another member's question stays until it too is dealt with; the log keeps both.
    await discord_.slash(bob, "ask", question="how many troops does russia keep on the kurils")
    assert "troops" in (await discord_.slash(curator, "kb gaps")).text
    assert (await discord_.bot.store.counts())["questions"] >= 2
    assert discord_.problems == []
