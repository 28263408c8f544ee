"""How the bot takes small talk: never answered from the knowledge base, and recognised as such.

    python benchmarks/smalltalk.py [FILE ...] [--knowledge DIR]

Each file (default: benchmarks/smalltalk/dev.yaml and heldout.yaml) lists `small_talk` messages
and `questions` (a question wrapped in chat). For small talk it counts the messages answered
with an entry or a passage (the failure that matters), those given the small-talk reply, and
those declined otherwise; for the questions, how many were answered and how many were taken for
small talk.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.config import knowledge_dir  # noqa: E402
from bot.kb import Engine, load_knowledge  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path,
                        default=[ROOT / "benchmarks/smalltalk/dev.yaml", ROOT / "benchmarks/smalltalk/heldout.yaml"])
    parser.add_argument("--knowledge", default=None)
    args = parser.parse_args()
    engine = Engine(load_knowledge(knowledge_dir(args.knowledge)))
    for path in args.files:
        listed = yaml.safe_load(path.read_text(encoding="utf-8"))
        chat = [engine.ask(m) for m in listed.get("small_talk", [])]
        asked = [engine.ask(m) for m in listed.get("questions", [])]
        answered = sum(a.kind != "none" for a in chat)
        replied = sum(a.reason == "small-talk" for a in chat)
        print(f"{path.name}: small talk {len(chat)}: answered from the knowledge base {answered}, "
              f"small-talk reply {replied} ({replied / max(len(chat), 1):.0%}), declined otherwise "
              f"{len(chat) - answered - replied}; questions {len(asked)}: answered "
              f"{sum(a.kind != 'none' for a in asked)}, taken for small talk "
              f"{sum(a.reason == 'small-talk' for a in asked)}")


if __name__ == "__main__":
    main()
