"""Speed, memory and accuracy at 100 to 50,000 entries, against extractOne and BM25, side by side.

    pip install -e '.[bench]'
    python benchmarks/scale.py [--sizes 100 1000 10000 50000] [--rounds 5]

For each size a knowledge folder is generated (benchmarks/generate.py: the shipped text plus
synthetic texts). Each method then runs in its own process, so peak memory is its own:

- citebot: the engine, loaded cold (read, validate, index, write the cache) in one process, then
  from that cache in another, which answers: as a bot starts the first time, and every time after.
  "load s" is until the engine serves, "written s" until its cache (written meanwhile) is whole;
  "peak MB" is the start from the cache, "cold MB" the cold start's, its cache written;
- extractOne: rapidfuzz.process.extractOne over every phrasing (WRatio, default_process),
  answering with the best phrasing's entry when it scores at least 70;
- bm25: bm25s over one document per entry (its phrasings), answering with the top entry.

Every method answers the shipped evaluation set (122 in scope, 43 out of scope), judged as
`citebot kb eval` judges; times are per question over those questions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

EVAL = ROOT / "benchmarks/eval/kaczmarski-2018.yaml"
BASELINE_CUTOFF = 70.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def judge(cases, answers) -> tuple[int, int]:
    from bot.kb.evaluate import _judge

    ok = [_judge(case, answer).passed for case, answer in zip(cases, answers, strict=True)]
    return (sum(o for o, c in zip(ok, cases, strict=True) if c.in_scope),
            sum(o for o, c in zip(ok, cases, strict=True) if not c.in_scope))


def as_answer(kb, question, entry):
    from bot.kb.models import Answer, CitedPassage

    if entry is None:
        return Answer(question, "none", "", 0.0)
    cited = tuple(CitedPassage(kb.passage(c.source, c.passage), c.quote) for c in entry.citations)
    return Answer(question, "curated", entry.answer, 1.0, entry, cited)


def measure(method: str, folder: Path, rounds: int) -> dict:
    """Runs in a child process: one method on one knowledge folder."""
    from bot.kb import load_knowledge
    from bot.kb.cache import load_engine
    from bot.kb.evaluate import load_cases

    cases = load_cases(EVAL)
    questions = [c.question for c in cases]
    result: dict = {"method": method}
    start = time.perf_counter()
    if method == "citebot-cold":  # read, validate, index, and write the cache, in a process of its own
        load_engine(folder)
        loaded = time.perf_counter() - start  # the engine serves from here; its cache is written meanwhile
        from bot.kb.cache import wait_for_cache

        wait_for_cache()
        return {"load_s": loaded, "written_s": time.perf_counter() - start,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if method == "citebot":  # a start from the cache the cold load wrote, as every start after the first
        engine = load_engine(folder)
        result["cached_load_s"] = time.perf_counter() - start
        kb = engine.kb
        ask = engine.ask
        answers = [ask(q) for q in questions]
    else:
        kb = load_knowledge(folder)
        built = time.perf_counter()
        if method == "extractone":
            from rapidfuzz import fuzz, process, utils

            pairs = [(q, e) for e in kb.live_entries for q in e.questions]
            choices = [q for q, _ in pairs]

            def ask(question: str):
                best = process.extractOne(question, choices, scorer=fuzz.WRatio, processor=utils.default_process)
                return pairs[best[2]][1] if best and best[1] >= BASELINE_CUTOFF else None
        else:
            import bm25s

            entries = list(kb.live_entries)
            retriever = bm25s.BM25()
            retriever.index(bm25s.tokenize([" ".join(e.questions) for e in entries], stopwords="en",
                                           show_progress=False), show_progress=False)

            def ask(question: str):
                tokens = bm25s.tokenize([question], stopwords="en", show_progress=False)
                if not tokens.ids or not tokens.ids[0]:
                    return None
                docs, scores = retriever.retrieve(tokens, k=1, show_progress=False)
                return entries[int(docs[0][0])] if scores[0][0] > 0 else None
        result["load_s"] = time.perf_counter() - start
        result["index_s"] = time.perf_counter() - built
        answers = [as_answer(kb, q, ask(q)) for q in questions]
    result["in_scope"], result["declined"] = judge(cases, answers)
    times = []
    timed = questions if method == "citebot" or len(kb.entries) < 10_000 else questions[:40]
    for _ in range(rounds if method == "citebot" or len(kb.entries) < 10_000 else 1):
        for question in timed:
            t = time.perf_counter()
            ask(question)
            times.append(time.perf_counter() - t)
    result["median_ms"] = 1000 * statistics.median(times)
    result["p95_ms"] = 1000 * percentile(times, 0.95)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["entries"] = len(kb.entries)
    return result


def child(method: str, folder: Path, rounds: int, cache: Path) -> dict:
    """One method measured in a process of its own, sharing the size's cache folder."""
    out = subprocess.run([sys.executable, __file__, "--rounds", str(rounds), "--child", method, str(folder)],
                         capture_output=True, text=True, check=True, env=os.environ | {"CITEBOT_CACHE": str(cache)})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000, 50000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--methods", nargs="+", default=["citebot", "extractone", "bm25"])
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child[0], Path(args.child[1]), args.rounds)))
        return
    from generate import generate

    cases_total = (122, 43)
    print(f"{'entries':>8} {'method':>11} {'load s':>8} {'written s':>10} {'cached s':>9} {'median ms':>10} "
          f"{'p95 ms':>8} {'peak MB':>8} {'cold MB':>8} {'in scope':>9} {'declined':>9} {'median vs ours':>15}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = generate(size, Path(tmp) / "knowledge")
            ours = None
            cache = Path(tmp) / "cache"
            for method in args.methods:
                cold = child("citebot-cold", folder, args.rounds, cache) if method == "citebot" else None
                r = child(method, folder, args.rounds, cache)
                if cold:
                    r |= {"load_s": cold["load_s"], "written_s": cold["written_s"], "cold_peak_mb": cold["peak_mb"]}
                ours = ours or r
                ratio = r["median_ms"] / ours["median_ms"]
                cached = f"{r['cached_load_s']:.2f}" if "cached_load_s" in r else "-"
                written = f"{r['written_s']:.2f}" if "written_s" in r else "-"
                cold_mb = f"{r['cold_peak_mb']:.0f}" if "cold_peak_mb" in r else "-"
                print(f"{r['entries']:>8} {method:>11} {r['load_s']:>8.2f} {written:>10} {cached:>9} "
                      f"{r['median_ms']:>10.2f} {r['p95_ms']:>8.2f} {r['peak_mb']:>8.0f} {cold_mb:>8} "
                      f"{100 * r['in_scope'] / cases_total[0]:>8.1f}% {100 * r['declined'] / cases_total[1]:>8.1f}% "
                      f"{ratio:>14.1f}x", flush=True)


if __name__ == "__main__":
    main()
