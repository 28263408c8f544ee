"""Knowledge bases of any size for the scale benchmark: the shipped text plus synthetic texts.

    python benchmarks/generate.py 10000 /tmp/kb-10000

The shipped knowledge is copied as it is (so the shipped evaluation set still has its answers);
the rest are synthetic study texts built from real English vocabulary (the words of Python's own
documentation topics, which every Python ships) and invented names. Each synthetic entry states
one fact in a passage it cites verbatim, with phrasings in the shapes curators write: a full
question, other words, a keyword form and a long form.
"""

from __future__ import annotations

import pydoc_data.topics
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bot.kb import load_knowledge
from bot.kb.text import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
ENTRIES_PER_SOURCE = 100
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vor", "sil", "dan", "bre", "ul", "os", "ne", "ti", "gar", "fen",
             "mar", "zo", "pel", "qui", "ast", "ro", "bel", "in", "tor", "sha", "vik", "lum", "era", "dov"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ROLES = ["minister", "governor", "chair", "director", "envoy", "mayor", "president", "rector"]


NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "ure", "age", "ship", "ist",
                "ator", "ction", "logy", "work", "point", "frame", "space", "field", "model")


def vocabulary() -> list[str]:
    """Noun-like words of Python's documentation topics that the shipped text does not use."""
    text = " ".join(pydoc_data.topics.topics.values())
    seed_words = set(re.findall(r"[a-z]+", (ROOT / "knowledge/sources/kaczmarski-2018.md").read_text().lower()))
    words = {w for w in re.findall(r"\b[a-z]{5,13}\b", text) if w not in seed_words and w.endswith(NOUN_ENDINGS)}
    return sorted(words)


class Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary()

    def name(self) -> str:
        """An invented proper name; names recur across texts, as they do in real ones."""
        while True:
            name = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3))).capitalize()
            if len(name) > 4:
                return name

    def person(self) -> str:
        return f"{self.name()} {self.name()}"

    def word(self) -> str:
        return self.rng.choice(self.words)

    def fact(self) -> tuple[str, list[str], str, list[str]]:
        """(sentence, questions, answer, accept)"""
        r = self.rng
        noun, noun2 = self.word(), self.word()
        kind = r.randrange(5)
        if kind == 0:
            a, b, place = self.person(), self.person(), self.name()
            month, year = r.choice(MONTHS), r.randint(1950, 2023)
            sentence = f"{a} met {b} in {place} in {month} {year} to discuss the {noun} of the {noun2}."
            return sentence, [f"Where did {a} meet {b}?", f"In which city did {a.split()[1]} and {b.split()[1]} "
                              f"hold talks about the {noun}?", f"{a.split()[1]} {b.split()[1]} meeting place",
                              f"I was wondering when and where {a} sat down with {b} to talk about the {noun2}"], \
                f"In {place}, in {month} {year}.", [place]
        if kind == 1:
            org, place = self.name(), self.name()
            money = f"US$ {r.randint(2, 950)} {r.choice(['million', 'billion'])}"
            sentence = f"The {org} group invested {money} in the {noun} {noun2} project in {place}."
            return sentence, [f"How much did {org} invest in the {noun} {noun2} project?",
                              f"What was the size of the {org} contribution to {noun} in {place}?",
                              f"{org} {noun} investment amount",
                              f"how big was the money {org} put into that {noun2} thing in {place}"], \
                f"{money}, in the {noun} {noun2} project.", [money]
        if kind == 2:
            org, year, pct = self.name(), r.randint(1990, 2023), r.randint(3, 97)
            sentence = (f"A {year} survey by the {org} Institute found that {pct}% of respondents "
                        f"opposed the {noun} {noun2}.")
            return sentence, [f"What share of {org} respondents opposed the {noun} {noun2}?",
                              f"How many people were against the {noun} in the {org} survey?",
                              f"{org} survey {noun} percent",
                              f"according to the {year} {org} poll what percentage disliked the {noun2}"], \
                f"{pct}% of respondents, in a {year} survey by the {org} Institute.", [f"{pct}%"]
        if kind == 3:
            noun3, place = self.word(), self.name()
            sentence = f"The {noun} {noun2} is a {noun3} that shapes the {self.word()} of {place}."
            return sentence, [f"What is the {noun} {noun2} of {place}?", f"{place} {noun} {noun2} meaning",
                              f"Explain what the text means by the {noun} {noun2} in {place}",
                              f"definition of the {place} {noun2} {noun}"], \
                f"A {noun3} that shapes {place}.", [noun3]
        person, place, role, year = self.person(), self.name(), r.choice(ROLES), r.randint(1950, 2023)
        sentence = f"{person}, the {role} of {place}, proposed the {noun} {noun2} in {year}."
        return sentence, [f"Who proposed the {noun} {noun2} in {place}?",
                          f"Which {role} of {place} put forward the {noun} idea?",
                          f"{place} {noun} {noun2} proposal author",
                          f"who was it that came up with the {noun2} plan in {place} back in {year}"], \
            f"{person}, the {role} of {place}, in {year}.", [person]


def generate(total: int, out: Path, *, seed: int = 7) -> Path:
    """A knowledge folder with `total` entries (at least the shipped ones)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(ROOT / "knowledge", out)
    shipped = len(yaml.safe_load((ROOT / "knowledge/entries/kaczmarski-2018.yaml").read_text())["entries"])
    maker = Maker(random.Random(seed))
    terms = Vocabulary(load_knowledge(ROOT / "knowledge").synonyms).terms
    seen: set[str] = set()

    def fresh_fact():
        while True:  # a phrasing belongs to one entry: draw again on any collision
            fact = maker.fact()
            keys = {" ".join(sorted(terms(q))) for q in fact[1]}
            if len(keys) == len(fact[1]) and not keys & seen:
                seen.update(keys)
                return fact

    remaining = max(0, total - shipped)
    number = 0
    while remaining > 0:
        count = min(ENTRIES_PER_SOURCE, remaining)
        sid = f"synthetic-{number:05d}"
        facts = [fresh_fact() for _ in range(count)]
        title = f"The {maker.word()} of {maker.name()}"
        body = "\n\n".join(sentence for sentence, _, _, _ in facts)
        (out / "sources" / f"{sid}.md").write_text(
            f"---\nid: {sid}\ntitle: {title}\nauthor: {maker.person()}\n---\n\n{body}\n", encoding="utf-8")
        entries = [{"id": f"{sid}-{i}", "questions": questions, "answer": answer,
                    "cite": [{"passage": i, "quote": sentence}], "accept": accept}
                   for i, (sentence, questions, answer, accept) in enumerate(facts, 1)]
        (out / "entries" / f"{sid}.yaml").write_text(
            yaml.safe_dump({"source": sid, "entries": entries}, allow_unicode=True, sort_keys=False, width=200),
            encoding="utf-8")
        remaining -= count
        number += 1
    return out


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("entries", type=int, help="how many entries, the shipped text's included (e.g. 10000)")
    parser.add_argument("folder", type=Path, help="the knowledge folder to write (replaced if it exists)")
    args = parser.parse_args()
    folder = generate(args.entries, args.folder)
    print(f"wrote {args.entries:,} entries to {folder}: serve it with citebot --knowledge {folder}")


if __name__ == "__main__":
    main()
