"""What a change to a server's entry did, in a few words: for /kb history and `citebot server entries`."""

from __future__ import annotations

from . import render

# The user id a change made from the terminal (`citebot server entries`) is stored with.
TERMINAL = 0


def who(user_id: int, *, mention: bool) -> str:
    """Who made a change: the member (a mention in Discord, the id in the terminal), or the terminal."""
    if user_id == TERMINAL:
        return "the terminal"
    return f"<@{user_id}>" if mention else f"user {user_id}"


def describe(before: dict | None, after: dict | None) -> str:
    """What one change did, in a few words."""
    if after is None:
        return "back to the shared entry" if before else "nothing"
    if after["retired"]:
        return "taken out of service"
    new = after["entry"]
    if before is None or before["retired"]:
        return f"serves \u201c{render.clip(new['answer'], 80)}\u201d"
    old = before["entry"]
    said = []
    added = [q for q in new["questions"] if q not in old["questions"]]
    removed = [q for q in old["questions"] if q not in new["questions"]]
    if added:
        said.append("phrasings + " + "; ".join(f"\u201c{render.clip(q, 60)}\u201d" for q in added))
    if removed:
        said.append("phrasings \u2212 " + "; ".join(f"\u201c{render.clip(q, 60)}\u201d" for q in removed))
    if new["answer"] != old["answer"]:
        was, now = render.clip(old["answer"], 60), render.clip(new["answer"], 60)
        said.append(f"answer \u201c{was}\u201d \u2192 \u201c{now}\u201d")
    if new["cite"] != old["cite"]:
        said.append("citation " + ", ".join(f"passage {c['passage']}" for c in new["cite"]))
    return "; ".join(said) or "no visible change"
