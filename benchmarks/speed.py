"""Time per question and load time of the engine, against plain rapidfuzz extractOne.

    python benchmarks/speed.py [--rounds N] [--knowledge DIR] [--eval FILE]

Both are timed in the same run on the same questions (the shipped evaluation set). The
engine's first round is also reported on its own: there an unsure question has MiniLM read
its candidates' phrasings for the first time (bot/kb/encoder.py), with no cache on disk; later
rounds find them remembered. The baselines are rapidfuzz.process.extractOne(question, all
phrasings, processor=default_process) with the WRatio and token_set_ratio scorers, answering
with the entry of the best phrasing when its score reaches a cutoff; their accuracy is judged
by the same rules as `citebot kb eval`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import knowledge_dir  # noqa: E402
from bot.kb import Engine, load_knowledge  # noqa: E402
from bot.kb.evaluate import _judge, evaluate, load_cases  # noqa: E402
from bot.kb.models import Answer, CitedPassage  # noqa: E402

# Baselines: plain extractOne over every phrasing with each scorer, answering at this score.
BASELINES = {"extractOne WRatio": fuzz.WRatio, "extractOne token_set": fuzz.token_set_ratio}
BASELINE_CUTOFF = 70.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(fn, questions: list[str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for question in questions:
            start = time.perf_counter()
            fn(question)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--knowledge", default=None)
    parser.add_argument("--eval", type=Path, default=ROOT / "benchmarks/eval/kaczmarski-2018.yaml")
    args = parser.parse_args()

    start = time.perf_counter()
    kb = load_knowledge(knowledge_dir(args.knowledge))
    loaded = time.perf_counter()
    engine = Engine(kb)
    built = time.perf_counter()

    os.environ["CITEBOT_CACHE"] = tempfile.mkdtemp()  # no sentence read before: the first round is cold
    cases = load_cases(args.eval)
    questions = [c.question for c in cases]
    phrasings = [(q, e) for e in kb.live_entries for q in e.questions]
    choices = [q for q, _ in phrasings]

    readings = []  # questions MiniLM read: for a second opinion, or to choose between entries
    readings_of = engine._readings_of
    engine._readings_of = lambda question, candidates: readings.append(question) or readings_of(
        question, candidates)
    first = timed(engine.ask, questions, 1)
    del engine._readings_of
    engine_times = timed(engine.ask, questions, args.rounds)
    ours = evaluate(engine, cases)
    rows = []
    for name, scorer in BASELINES.items():
        def baseline(question: str, scorer=scorer):
            return process.extractOne(question, choices, scorer=scorer, processor=utils.default_process)

        times = timed(baseline, questions, args.rounds)
        ok_in = ok_out = 0
        for case in cases:
            best = baseline(case.question)
            if best is None or best[1] < BASELINE_CUTOFF:
                answer = Answer(case.question, "none", "", 0.0)
            else:
                entry = phrasings[best[2]][1]
                cited = tuple(CitedPassage(kb.passage(c.source, c.passage), c.quote) for c in entry.citations)
                answer = Answer(case.question, "curated", entry.answer, best[1] / 100, entry, cited)
            passed = _judge(case, answer).passed
            ok_in += passed and case.in_scope
            ok_out += passed and not case.in_scope
        rows.append((name, times, ok_in, ok_out))

    n_in = sum(c.in_scope for c in cases)
    n_out = len(cases) - n_in
    med_e, p95_e = statistics.median(engine_times), percentile(engine_times, 0.95)
    print(f"knowledge: {len(kb.live_entries)} entries, {len(choices)} phrasings; "
          f"{len(questions)} questions x {args.rounds} rounds")
    print(f"load: {1000 * (loaded - start):.1f} ms reading and validating, "
          f"{1000 * (built - loaded):.1f} ms building the index")
    print(f"{'':24}{'median':>10}{'p95':>10}{'in scope':>11}{'declined':>11}{'time vs ours':>14}")
    print(f"{'citebot engine':24}{1e6 * med_e:>8.0f}us{1e6 * p95_e:>8.0f}us"
          f"{100 * ours.in_scope[0] / n_in:>10.1f}%{100 * ours.out_of_scope[0] / n_out:>10.1f}%{'1.00x':>14}")
    for name, times, ok_in, ok_out in rows:
        med, p95 = statistics.median(times), percentile(times, 0.95)
        print(f"{name:24}{1e6 * med:>8.0f}us{1e6 * p95:>8.0f}us"
              f"{100 * ok_in / n_in:>10.1f}%{100 * ok_out / n_out:>10.1f}%{med / med_e:>13.2f}x")
    print(f"first round, cold: median {1e6 * statistics.median(first):.0f}us, p95 "
          f"{1e3 * percentile(first, 0.95):.1f} ms, slowest {1e3 * max(first):.0f} ms (loading the encoder "
          f"included); {len(set(readings))} of {len(questions)} questions asked MiniLM to read them")
    second_opinion_costs(choices)


def second_opinion_costs(phrasings: list[str]) -> None:
    """What MiniLM costs on its own: loading it, and reading a phrasing the first time."""
    from bot.kb.encoder import Encoder

    start = time.perf_counter()
    model = Encoder()
    loaded = time.perf_counter()
    model.embed(phrasings)
    read = time.perf_counter()
    singles = []
    for phrasing in phrasings[:50]:
        t = time.perf_counter()
        model._forward([phrasing])
        singles.append(time.perf_counter() - t)
    print(f"MiniLM: loaded in {1e3 * (loaded - start):.0f} ms; every phrasing read in {read - loaded:.1f} s "
          f"({1e3 * (read - loaded) / len(phrasings):.1f} ms each, in batches); one sentence alone "
          f"{1e3 * statistics.median(singles):.1f} ms median")

if __name__ == "__main__":
    main()
