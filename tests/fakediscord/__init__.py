"""A fake Discord for scenario tests: the real bot, Discord's limits, no network.

    async def test_a_day(discord_):
        alice = discord_.member("alice")
        asked = await discord_.slash(alice, "ask", question="Where did Abe meet Putin?")
        shown = await discord_.click(asked, "Show passage")
        await discord_.restart()
        again = await discord_.click(asked, "Show passage")   # the old button, after a restart
        assert discord_.problems == []

`discord_` starts the bot in a server with an owner, "mod" (the Moderators role), "alice" and
"bob", channels #general, #study and the forum #discussion. Everything the bot sent is in
`discord_.calls`; anything Discord would refuse or that breaks its rules is in
`discord_.problems`, which must be empty when the scenario ends (clear it when a scenario
provokes a failure on purpose).
"""

from __future__ import annotations

import pytest

from .harness import CommandHidden, Exchange, FakeDiscord, Message, install
from .server import Call, FakeServer

__all__ = ["Call", "CommandHidden", "Exchange", "FakeDiscord", "FakeServer", "Message", "discord_", "fake_server",
           "install"]


@pytest.fixture
def fake_server(monkeypatch) -> FakeServer:
    """Discord's REST side alone, with every discord.py HTTP client routed to it."""
    server = FakeServer()
    install(monkeypatch, server)
    return server


@pytest.fixture
async def discord_(tmp_path, fake_server):
    """The real bot, started and connected to a fake server; checks Discord's rules at the end."""
    fake = FakeDiscord(tmp_path, server=fake_server)
    await fake.start()
    yield fake
    await fake.stop()
    assert fake.problems == [], "Discord would have refused or flagged:\n" + "\n".join(fake.problems)
