"""Many questions at once through the cogs, with the event loop's longest stall measured."""

from __future__ import annotations

import asyncio
import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass

from tests.discord_helpers import make_interaction, make_member

STALL_TICK = 0.001  # the monitor wakes every millisecond; lateness beyond that is a stall


@dataclass(frozen=True)
class LoadResult:
    questions: int
    answered_once: int  # messages whose every question got exactly one answer
    answers: int  # the questions in all the messages: what should be logged
    logged: int
    seconds: float
    longest_step: float  # the longest the loop ran one callback without yielding: real blocking
    longest_step_net: float  # the same, less time spent in garbage collection within the step
    p99_step: float
    longest_wait: float  # the longest a 1 ms timer waited: queueing behind everything that was ready
    deferred: int = 0  # answers promised first ("thinking...") because they were not ready in time


@contextmanager
def timed_callbacks():
    """Record how long each event-loop callback runs, in all and net of garbage collection."""
    durations: list[tuple[float, float]] = []
    collecting = {"total": 0.0, "since": 0.0}
    original = asyncio.events.Handle._run

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            collecting["since"] = time.perf_counter()
        else:
            collecting["total"] += time.perf_counter() - collecting["since"]

    def run(handle):
        start, collected = time.perf_counter(), collecting["total"]
        try:
            return original(handle)
        finally:
            spent = time.perf_counter() - start
            durations.append((spent, spent - (collecting["total"] - collected)))

    asyncio.events.Handle._run = run
    gc.callbacks.append(on_gc)
    try:
        yield durations
    finally:
        asyncio.events.Handle._run = original
        gc.callbacks.remove(on_gc)


async def ask_all(bot, questions: list[str]) -> LoadResult:
    """Ask every question concurrently, each from its own member, and watch the loop."""
    cog = bot.get_cog("Ask")
    interactions = [make_interaction(bot, member=make_member(user_id=10_000 + i)) for i in range(len(questions))]
    # The spec'd mocks are huge object graphs; a garbage collection over them would be timed as
    # the bot blocking. Freezing moves the harness's own objects out of the collector's way.
    gc.collect()
    gc.freeze()
    longest = 0.0
    running = True

    async def monitor() -> None:
        nonlocal longest
        while running:
            before = time.perf_counter()
            await asyncio.sleep(STALL_TICK)
            longest = max(longest, time.perf_counter() - before - STALL_TICK)

    watcher = asyncio.create_task(monitor())
    await asyncio.sleep(0)
    with timed_callbacks() as durations:
        start = time.perf_counter()
        await asyncio.gather(*(cog.ask.callback(cog, i, question=q)
                               for i, q in zip(interactions, questions, strict=True)))
        seconds = time.perf_counter() - start
    running = False
    await watcher
    gc.unfreeze()
    # A message of several questions gets one answer per question: each answered exactly once.
    parts = [len(bot.library.engine.ask_all(q)) for q in questions]
    # An answer that waits longer than /ask allows before deferring (DEFER_AFTER) is promised with
    # a deferral and sent as a follow-up: answered once either way.
    once = sum(1 for i, n in zip(interactions, parts, strict=True)
               if (i.response.send_message.await_count, i.response.defer.await_count,
                   i.followup.send.await_count) in ((1, 0, n - 1), (0, 1, n)))
    deferred = sum(1 for i in interactions if i.response.defer.await_count)
    logged = sum((await bot.store.kinds()).values())
    spans = sorted(d for d, _ in durations) or [0.0]
    net = max((n for _, n in durations), default=0.0)
    p99 = spans[int(0.99 * (len(spans) - 1))]
    return LoadResult(len(questions), once, sum(parts), logged, seconds, spans[-1], net, p99, longest, deferred)
