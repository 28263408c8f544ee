"""Who sees and may use what, where: moderators, members, DMs, and a server reading one text of two."""

from __future__ import annotations

import pytest

from tests.conftest import with_tiny_text
from tests.fakediscord import CommandHidden, FakeDiscord

MANAGE_MESSAGES = 1 << 13
MODERATOR_COMMANDS = {"kb-admin", "settings", "prompt-admin"}


async def make_moderators(discord_) -> None:
    owner = discord_.guild.members[discord_.guild.owner_id]
    done = await discord_.slash(owner, "settings", moderator_role=discord_.role("Moderators"))
    assert "Moderator role: <@&" in done.text


async def test_the_sync_hides_moderator_commands_and_keeps_server_ones_out_of_dms(discord_):
    registered = {c["name"]: c for c in discord_.server.commands[None]}
    for name, command in registered.items():
        hidden = command.get("default_member_permissions")
        assert (int(hidden) if hidden is not None else None) == (
            MANAGE_MESSAGES if name in MODERATOR_COMMANDS else None), name
    for name in ("kb", "kb-admin", "settings", "prompt", "prompt-admin", "quiz"):
        assert registered[name]["contexts"] == [0], name
    prompt = {o["name"] for o in registered["prompt"]["options"]}
    admin = {o["name"] for o in registered["prompt-admin"]["options"]}
    assert (prompt, admin) == ({"list", "suggest"}, {"post", "next", "schedule", "queue", "remove"})


async def test_a_moderator_by_role_cannot_make_everyone_a_moderator(discord_):
    await make_moderators(discord_)
    mod, alice = discord_.member("mod"), discord_.member("alice")
    refused = await discord_.slash(mod, "settings", moderator_role=discord_.guild.everyone)
    assert refused.ephemeral and "Only members with Manage Server can choose the moderator role" in refused.text
    owner = discord_.guild.members[discord_.guild.owner_id]
    refused = await discord_.slash(owner, "settings", moderator_role=discord_.guild.everyone)
    assert "@everyone can't be the moderator role" in refused.text
    assert (await discord_.bot.store.settings(discord_.guild.id)).moderator_role_id == discord_.role("Moderators").id
    # Members neither see the moderators' commands nor gained them.
    for command in ("kb-admin reload", "prompt-admin schedule", "settings"):
        with pytest.raises(CommandHidden):
            await discord_.slash(alice, command)
    # The moderator still does what moderators do.
    scheduled = await discord_.slash(mod, "prompt-admin schedule", cadence="daily", time="18:00")
    assert "Prompts will be posted" in scheduled.text


async def test_everyone_stored_earlier_gives_members_nothing(discord_):
    await discord_.bot.store.update_settings(discord_.guild.id, moderator_role_id=discord_.guild.id)
    # A member who holds Manage Messages (and so sees the command) is still no moderator.
    refused = await discord_.slash(discord_.member("mod"), "kb-admin reload")
    assert refused.ephemeral and "Only moderators" in refused.text


async def test_one_bad_setting_changes_nothing(discord_):
    owner = discord_.guild.members[discord_.guild.owner_id]
    refused = await discord_.slash(owner, "settings", visibility="private", timezone="Mars/Olympus")
    assert refused.text.startswith("Nothing was changed.")
    asked = await discord_.slash(discord_.member("alice"), "ask", question="Where did Abe meet Putin?")
    assert not asked.ephemeral


async def test_server_commands_are_not_offered_in_dms_and_reading_ones_are(discord_):
    alice = discord_.member("alice")
    for command in ("prompt list", "prompt suggest", "quiz stats", "settings"):
        with pytest.raises(CommandHidden):
            await discord_.slash(alice.user, command)
    asked = await discord_.slash(alice.user, "ask", question="Where did Abe meet Putin?")
    assert "Vladivostok" in asked.text
    read = await discord_.slash(alice.user, "passage", number=1)
    assert "Passage 1" in read.text


async def test_a_server_command_delivered_in_a_dm_anyway_gets_a_clear_answer(discord_, monkeypatch):
    # An old client (or a cached command list) can still send it; Discord would not stop it then.
    monkeypatch.setattr(discord_, "_check_visible", lambda *args: None)
    listed = await discord_.slash(discord_.member("alice").user, "prompt list")
    assert listed.ephemeral and "/prompt works only in a server" in listed.text
    assert "something went wrong" not in listed.text.lower()


@pytest.fixture
async def two_texts(tmp_path, fake_server):
    root = tmp_path / "knowledge"
    with_tiny_text(root)
    fake = FakeDiscord(tmp_path, knowledge=root, server=fake_server)
    await fake.start()
    yield fake
    await fake.stop()
    assert fake.problems == [], "Discord would have refused or flagged:\n" + "\n".join(fake.problems)


async def test_a_server_reading_its_own_text(two_texts):
    fake = two_texts
    owner = fake.guild.members[fake.guild.owner_id]
    alice = fake.member("alice")
    assert "Texts: tiny" in (await fake.slash(owner, "settings", texts="tiny")).text

    read = await fake.slash(alice, "passage", number=1)
    assert "The river Wensum floods every spring." in read.text
    found = await fake.slash(alice, "search", words="made")
    assert "A tiny text \u00b7 passage 3" in found.text and "Japan" not in found.text

    text = "Should the farmers downstream be paid for the drier fields?"
    suggested = await fake.slash(alice, "prompt suggest", text=text, passage=3)
    assert "Suggestion #1 waits" in suggested.text
    (stored,) = await fake.bot.store.suggestions(fake.guild.id)
    assert (stored.source, stored.passage) == ("tiny", 3)
    queue = await fake.slash(owner, "prompt-admin queue")
    await fake.click(queue, "Approve", user=owner)
    listed = await fake.slash(alice, "prompt list")
    assert "farmers downstream" in listed.text  # stored under tiny, so it is among this server's prompts


async def test_a_channel_bound_to_a_text_reads_it_and_elsewhere_asks_which(two_texts):
    fake = two_texts
    owner, alice = fake.guild.members[fake.guild.owner_id], fake.member("alice")
    study = fake.channel("study")
    assert "asks tiny" in (await fake.slash(owner, "settings", channel_text="tiny", channel=study)).text
    read = await fake.slash(alice, "passage", number=2, channel=study)
    assert "Engineers built a new weir in 2019" in read.text
    ask_which = await fake.slash(alice, "passage", number=2)
    assert ask_which.ephemeral and ask_which.text.startswith("Which text?")
