"""Command registration as Discord sees it: what each server's command picker lists."""

from __future__ import annotations


async def test_a_test_server_lists_every_command_once(make_discord):
    discord_ = await make_discord(dev_guild_id=True)
    await discord_.restart()  # a second start must not register them globally either
    names = discord_.visible_commands()
    assert names and len(names) == len(set(names))
    assert discord_.server.commands.get(None, []) == []
    puts = {c.path for c in discord_.calls if c.method == "PUT"}
    assert puts == {f"/applications/{discord_.server.application_id}/guilds/{discord_.guild.id}/commands"}
    asked = await discord_.slash(discord_.member("alice"), "ask", question="Where did Abe meet Putin?")
    assert "Vladivostok" in asked.text


async def test_a_restart_with_the_same_commands_does_not_sync_again(discord_):
    await discord_.restart()
    puts = [c for c in discord_.calls if c.method == "PUT"]
    assert len(puts) == 1 and puts[0].path == f"/applications/{discord_.server.application_id}/commands"
