"""An answer that takes longer than Discord waits for a first response."""

from __future__ import annotations

import sys
import time

from bot.kb.engine import Engine


async def test_a_slow_answer_is_promised_in_time_and_then_given(discord_, monkeypatch):
    real = Engine.ask_all

    def slow(self, *args, **kwargs):  # a busy machine: by Discord's clock the answer takes 4 seconds
        time.sleep(0.3)
        discord_.clock.skipped += 4
        return real(self, *args, **kwargs)

    # The cog as the bot loaded it: discord.py loads each extension as a module of its own.
    monkeypatch.setattr(sys.modules["bot.cogs.ask"], "DEFER_AFTER", 0.05, raising=False)
    monkeypatch.setattr(Engine, "ask_all", slow)
    asked = await discord_.slash(discord_.member("alice"), "ask", question="Where did Abe meet Putin?")
    assert asked.deferred and "Vladivostok" in asked.text
    assert discord_.problems == []  # no answer after Discord's 3 seconds, no "Unknown interaction"


async def test_a_quick_answer_is_not_deferred(discord_):
    asked = await discord_.slash(discord_.member("alice"), "ask", question="Where did Abe meet Putin?")
    assert asked.response_type == 4 and "Vladivostok" in asked.text
