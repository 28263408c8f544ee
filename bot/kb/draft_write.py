"""Writing drafted files safely: never into the installed package, all files or none, backups first.

The new files are first checked together with the whole knowledge folder in a temporary copy;
only a folder that validates is changed, by renaming finished files into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import yaml

from .errors import Problem
from .loader import check_knowledge, shown_path

BACKUP_STAMP = "%Y%m%d-%H%M%S"  # FILE.bak-20250101-120000: sorts by time, one per run


class UnsafeTarget(ValueError):
    """A knowledge folder drafts must not be written into, with where to put one instead."""


@dataclass(frozen=True)
class Written:
    """What a write did: the files written and the backups made of files it replaced."""

    files: tuple[Path, ...]
    backups: tuple[tuple[Path, Path], ...]  # (replaced file, its backup)


def check_target(root: Path, package: Path) -> None:
    """Refuse a folder inside the installed package (or site-packages): an upgrade deletes it."""
    root = root.resolve()
    package = package.resolve()
    inside_package = root == package or package in root.parents
    in_site = any(part in {"site-packages", "dist-packages"} for part in root.parts)
    if (inside_package or in_site) and not _in_git_checkout(root):
        raise UnsafeTarget(
            f"{root} is the installed package's knowledge folder; the next upgrade replaces it and your "
            "drafts with it. Make your own copy with `citebot kb init ~/citebot-knowledge`, then draft into it "
            "with `citebot --knowledge ~/citebot-knowledge kb draft ...` (or set CITEBOT_KNOWLEDGE).")


def _in_git_checkout(path: Path) -> bool:
    return any((parent / ".git").exists() for parent in (path, *path.parents))


def staged_problems(root: Path, files: dict[str, str]) -> list[Problem]:
    """The errors the knowledge folder would have with `files` in it, found in a temporary copy;
    an error in a draft counts too: what is written must be right, served or not."""
    with tempfile.TemporaryDirectory(prefix="citebot-draft-") as tmp:
        stage = Path(tmp) / "knowledge"
        if root.is_dir():
            shutil.copytree(root, stage, ignore=shutil.ignore_patterns("*.bak-*", ".*"))
        for name, text in files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_text(text, encoding="utf-8")
        _, problems = check_knowledge(stage, warnings=False)
        return [_relocated(p, stage, root) for p in problems if p.severity == "error" or p.in_draft]


def _relocated(problem: Problem, stage: Path, root: Path) -> Problem:
    """A problem found in the temporary copy, naming the real folder's files: the copy's path may be
    shown absolute or, when shorter, relative to where the command runs (see `shown_path`)."""
    def moved(text: str) -> str:
        for shown in {str(stage), shown_path(stage)}:
            text = text.replace(shown, str(root))
        return text

    return Problem(moved(problem.path), problem.line, moved(problem.message), problem.fix, problem.severity,
                   problem.in_draft)


def write_all(root: Path, files: dict[str, str], *, now: datetime | None = None) -> Written:
    """Write every file or none: finished temporary files are renamed into place; replaced ones backed up."""
    stamp = (now or datetime.now()).strftime(BACKUP_STAMP)
    temps: list[tuple[Path, Path]] = []
    try:
        for name, text in files.items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
            temps.append((Path(tmp), target))
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            # mkstemp's file is private (0600); the written file is as any other the curator makes,
            # or keeps the mode of the one it replaces.
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        backups = tuple((target, _backup(target, stamp)) for _, target in temps if target.exists())
    except BaseException:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
        raise
    done: list[Path] = []
    try:
        for tmp, target in temps:
            os.replace(tmp, target)
            done.append(target)
    except BaseException:
        _undo(done, dict(backups), [tmp for tmp, _ in temps])
        raise
    return Written(tuple(done), backups)


@dataclass(frozen=True)
class Replaced:
    """What an entries or prompts file held before --force replaced it: curated items and drafts."""

    path: Path
    curated: int
    drafts: int


def replaced_items(path: Path) -> Replaced | None:
    """Count the entries or prompts `path` holds (None if it is no such file), before it is replaced."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    items = [i for key in ("entries", "prompts") for i in (data.get(key) or []) if isinstance(i, dict)]
    drafts = sum(i.get("draft") is True for i in items)
    return Replaced(path, len(items) - drafts, drafts)


def _undo(done: list[Path], backups: dict[Path, Path], temps: list[Path]) -> None:
    """Put back what a failed write changed: originals from their backups, new files removed."""
    for target in done:
        if target in backups:
            shutil.copy2(backups[target], target)
        else:
            target.unlink(missing_ok=True)
    for tmp in temps:
        tmp.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file(path: Path, mode: int = 0o666) -> tuple[Path, int]:
    """`path` made new and open for writing (its descriptor), or `path-2`, `path-3` … when a file is
    there: never in place of one (two runs within one second name the same time)."""
    chosen, number = path, 1
    while True:
        try:
            return chosen, os.open(chosen, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            number += 1
            chosen = path.with_name(f"{path.name}-{number}")


def _backup(target: Path, stamp: str) -> Path:
    """A copy of `target` as FILE.bak-STAMP (`new_file`: never in place of an earlier backup)."""
    backup, fd = new_file(target.with_name(f"{target.name}.bak-{stamp}"))
    with os.fdopen(fd, "wb") as copy, open(target, "rb") as original:
        shutil.copyfileobj(original, copy)
    shutil.copystat(target, backup)
    return backup


def init_folder(target: Path, shipped: Path) -> None:
    """Copy the shipped knowledge folder to `target`, which must not exist or be empty."""
    if target.exists() and not target.is_dir():
        raise FileExistsError(f"{target} is a file, not a folder: choose a new folder")
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} exists and is not empty: choose a new folder")
    shutil.copytree(shipped, target, dirs_exist_ok=True)
