"""A fake Discord for scenario tests: the real bot, Discord's limits, no network.

    async def test_a_day(discord_):
        alice = discord_.member("alice")
        asked = await discord_.slash(alice, "ask", question="Where did Abe meet Putin?")
        shown = await discord_.click(asked, "Show passage")
        await discord_.restart()
        again = await discord_.click(asked, "Show passage")   # the old button, after a restart
        assert discord_.problems == []

`discord_` starts the bot in a server with an owner, "mod" (the Moderators role), "alice" and
"bob", channels #general, #study and the forum #discussion; `make_discord(knowledge=folder,
dev_guild_id=True)` starts it your way. Everything the bot sent is in `discord_.calls`; anything
Discord would refuse or that breaks its rules is in `discord_.problems`, which must be empty when
the scenario ends (clear it when a scenario provokes a failure on purpose).

Scenario controls: `deny(channel, "send_messages")`, `delete_channel`, `leave(guild)`,
`advance(seconds)` (Discord's clock and the bot's view timers), `server.fail_next(...)` and
`server.rate_limit_next(...)`, `restart()`.
"""

from __future__ import annotations

import pytest

from .harness import CommandHidden, Exchange, FakeDiscord, File, Message, install
from .server import Call, FakeServer

__all__ = ["Call", "CommandHidden", "Exchange", "FakeDiscord", "FakeServer", "File", "Message", "discord_",
           "fake_server", "install", "make_discord"]


@pytest.fixture
def fake_server(monkeypatch) -> FakeServer:
    """Discord's REST side alone, with every discord.py HTTP client routed to it."""
    server = FakeServer()
    install(monkeypatch, server)
    return server


@pytest.fixture
async def make_discord(tmp_path, fake_server):
    """Start the bot your way: `await make_discord(knowledge=folder, dev_guild_id=True)`.

    One per test (they share the fake server); stopped and checked against Discord's rules at the end.
    """
    started: list[FakeDiscord] = []

    async def make(**options) -> FakeDiscord:
        assert not started, "one fake Discord per test; use restart() for a second process"
        fake = FakeDiscord(tmp_path, server=fake_server, **options)
        started.append(fake)
        await fake.start()
        return fake

    yield make
    for fake in started:
        await fake.stop()
    assert fake_server.problems == [], "Discord would have refused or flagged:\n" + "\n".join(fake_server.problems)


@pytest.fixture
async def discord_(make_discord):
    """The real bot, started and connected to a fake server; checks Discord's rules at the end."""
    return await make_discord()
