"""A load test through the Discord layer: N questions at once against the cogs.

    python benchmarks/load.py [--questions 1000]

Every question goes through the /ask callback with a spec'd mock interaction from its own
member (so no cooldown applies), against a real SQLite store in a temporary folder. Reports
whether every question was answered exactly once and logged, the wall time, and how the event
loop fared: the longest single callback (real blocking) and the longest a 1 ms timer waited
(latency while everything else that was ready ran).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.kb.evaluate import load_cases  # noqa: E402
from tests.discord_helpers import make_bot  # noqa: E402
from tests.load_helpers import ask_all  # noqa: E402


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        bot = await make_bot(Path(folder))
        try:
            cases = load_cases(ROOT / "benchmarks/eval/kaczmarski-2018.yaml")
            questions = list(islice(cycle(c.question for c in cases), count))
            result = await ask_all(bot, questions)
        finally:
            await bot.store.close()
    print(f"questions: {result.questions}, answered exactly once: {result.answered_once} "
          f"({result.deferred} deferred first), logged: {result.logged}, "
          f"lost: {result.questions - result.answered_once}")
    print(f"wall time: {result.seconds:.2f} s ({result.questions / result.seconds:.0f} questions/s)")
    print(f"event loop: longest callback {1000 * result.longest_step:.1f} ms "
          f"({1000 * result.longest_step_net:.1f} ms net of garbage collection), "
          f"p99 callback {1000 * result.p99_step:.2f} ms, longest timer wait {1000 * result.longest_wait:.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    asyncio.run(main(parser.parse_args().questions))
