"""How `kb draft` writes: checks first, all files or none, never into the package, backups on --force."""

import os
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.config import default_knowledge_dir
from bot.kb import check_knowledge
from bot.kb.draft_write import UnsafeTarget, check_target, write_all

DATA = Path(__file__).resolve().parents[1] / "data"
FERRIES = DATA / "ferries.md"
FEDERALIST = DATA / "federalist-10.txt"


@pytest.fixture
def knowledge(tmp_path) -> Path:
    root = tmp_path / "knowledge"
    assert main(["kb", "init", str(root)]) == 0
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("content", "says"), [
    (b"", "is empty"),
    (b"  \n\n\t \n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("Caf\u00e9 society met every week to read the essay aloud, and argued about faction and liberty at length "
     "until the candles burnt down and the landlord asked everyone to leave the room at once.".encode("latin-1"),
     "not UTF-8"),
    (b"# Title\n\nToo short to study.\n", "words of text"),
    (b"hi there friends\n", "holds only a title or headings (\u201chi there friends\u201d)"),
])
def test_bad_input_writes_nothing_and_says_what_to_do(knowledge, tmp_path, capsys, content, says):
    bad = tmp_path / "input.txt"
    bad.write_bytes(content)
    before = snapshot(knowledge)
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(bad), "--id", "newtext"]) == 1
    err = capsys.readouterr().err
    assert says in err and str(bad) in err
    assert snapshot(knowledge) == before
    assert main(["--knowledge", str(knowledge), "kb", "validate"]) == 0


def test_a_knowledge_folder_that_does_not_exist_is_not_made(tmp_path, capsys):
    # A mistyped --knowledge made a folder holding the one text, without the shipped synonyms.
    typo = tmp_path / "knowledg"
    assert main(["--knowledge", str(typo), "kb", "draft", str(FERRIES), "--id", "ferries"]) == 1
    assert "there is no knowledge folder" in capsys.readouterr().err and not typo.exists()


def test_a_missing_file_is_named(knowledge, tmp_path, capsys):
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(tmp_path / "nope.md"), "--id", "x"]) == 1
    assert "nope.md" in capsys.readouterr().err


@pytest.mark.parametrize("beside_the_temporary_copy", [False, True])
def test_drafts_that_would_break_the_folder_are_not_written(knowledge, monkeypatch, capsys, request,
                                                            beside_the_temporary_copy):
    import bot.kb.draft as draft

    if beside_the_temporary_copy:  # the checked copy is shown as "../citebot-draft-…"; the real folder is named
        here = tempfile.mkdtemp()
        request.addfinalizer(lambda: shutil.rmtree(here, ignore_errors=True))
        monkeypatch.chdir(here)

    real = draft.make_draft

    def broken(*args, **kwargs):
        made = real(*args, **kwargs)
        files = dict(made.files)
        files["entries/ferries.yaml"] = files["entries/ferries.yaml"].replace("quote: ", "quote: NOT IN THE TEXT ", 1)
        return draft.Draft(made.text, made.entries, made.prompts, files)

    monkeypatch.setattr(draft, "make_draft", broken)
    before = snapshot(knowledge)
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(FERRIES), "--id", "ferries"]) == 1
    err = capsys.readouterr().err
    assert "nothing was written" in err and "not in passage" in err and str(knowledge) in err
    assert snapshot(knowledge) == before


def test_the_drafted_folder_validates(knowledge, capsys):
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(FEDERALIST), "--id", "federalist-10"]) == 0
    out = capsys.readouterr().out
    assert "James Madison" in out and "Review first:" in out
    kb, problems = check_knowledge(knowledge)
    assert kb is not None, [str(p) for p in problems]
    assert {e.source for e in kb.entries if e.draft} == {"federalist-10"}


def test_force_backs_up_every_file_it_replaces(knowledge, capsys):
    entries = knowledge / "entries" / "kaczmarski-2018.yaml"
    curated = entries.read_bytes()
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(FERRIES), "--id", "kaczmarski-2018"]) == 1
    err = capsys.readouterr().err
    assert "--force" in err and entries.read_bytes() == curated
    assert f"({count_curated(entries, 'entries')} curated entries and " in err and "would be replaced" in err
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(FERRIES), "--id", "kaczmarski-2018",
                 "--force"]) == 0
    out = capsys.readouterr().out
    backups = list((knowledge / "entries").glob("kaczmarski-2018.yaml.bak-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == curated and str(backups[0]) in out
    assert len(list(knowledge.rglob("*.bak-*"))) == 3  # source, entries and prompts
    assert check_knowledge(knowledge)[0] is not None  # backups are not read as knowledge


def count_curated(path: Path, key: str) -> int:
    return sum(not item.get("draft") for item in yaml.safe_load(path.read_text(encoding="utf-8"))[key])


def test_force_says_how_many_curated_entries_and_prompts_it_replaced(knowledge, capsys):
    entries = knowledge / "entries" / "kaczmarski-2018.yaml"
    prompts = knowledge / "prompts" / "kaczmarski-2018.yaml"
    curated_entries, curated_prompts = count_curated(entries, "entries"), count_curated(prompts, "prompts")
    assert curated_entries and curated_prompts
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(FERRIES), "--id", "kaczmarski-2018",
                 "--force"]) == 0
    out = capsys.readouterr().out
    drafted_entries = len(yaml.safe_load(entries.read_text(encoding="utf-8"))["entries"])
    [entry_backup] = (knowledge / "entries").glob("kaczmarski-2018.yaml.bak-*")
    assert (f"replaced {curated_entries} curated entries and 0 drafted ones with {drafted_entries} new drafts; "
            f"the old kaczmarski-2018.yaml is in {entry_backup}") in out
    assert f"replaced {curated_prompts} curated prompts" in out
    assert "copy them back from the backup" in out


def test_writing_is_all_or_nothing(tmp_path, monkeypatch):
    root = tmp_path / "k"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "a.yaml").write_text("old")
    real_replace = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        write_all(root, {"entries/a.yaml": "new", "sources/b.md": "new"}, now=datetime(2025, 1, 2, 3, 4, 5))
    assert (root / "entries" / "a.yaml").read_text() == "old"
    assert not (root / "sources" / "b.md").exists()
    assert [p.name for p in root.rglob("*") if p.is_file() and ".bak-" not in p.name] == ["a.yaml"]


def test_written_files_are_readable_as_other_files_the_curator_makes(tmp_path):
    root = tmp_path / "k"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "a.yaml").write_text("old")
    (root / "entries" / "a.yaml").chmod(0o640)
    old_mask = os.umask(0o022)
    try:
        write_all(root, {"entries/a.yaml": "new", "sources/b.md": "new"})
    finally:
        os.umask(old_mask)
    assert (root / "entries" / "a.yaml").stat().st_mode & 0o777 == 0o640  # the mode of the file it replaced
    assert (root / "sources" / "b.md").stat().st_mode & 0o777 == 0o644  # a new file: as the umask says


@pytest.mark.parametrize(("where", "refused"), [
    ("site/bot/knowledge", True),  # the package's own shipped folder
    ("lib/python3.11/site-packages/other/knowledge", True),
    ("mine/knowledge", False),
])
def test_never_into_the_installed_package(tmp_path, where, refused):
    package = tmp_path / "site" / "bot"
    root = tmp_path / where
    root.mkdir(parents=True)
    if refused:
        with pytest.raises(UnsafeTarget, match="kb init"):
            check_target(root, package)
    else:
        check_target(root, package)


def test_draft_refuses_the_package_folder_from_the_command_line(tmp_path, monkeypatch, capsys):
    import bot.config

    package = tmp_path / "site-packages" / "bot"
    shutil.copytree(default_knowledge_dir(), package / "knowledge")
    monkeypatch.setattr(bot.config, "PACKAGE_DIR", package)
    monkeypatch.setenv("CITEBOT_KNOWLEDGE", str(package / "knowledge"))
    before = snapshot(package)
    assert main(["kb", "draft", str(FERRIES), "--id", "ferries"]) == 1
    err = capsys.readouterr().err
    assert "citebot kb init" in err and "--knowledge" in err and "CITEBOT_KNOWLEDGE" in err
    assert snapshot(package) == before


def test_init_copies_the_shipped_folder_and_refuses_a_used_one(tmp_path, capsys):
    target = tmp_path / "mine"
    assert main(["kb", "init", str(target)]) == 0
    assert "--knowledge" in capsys.readouterr().out
    assert snapshot(target) == snapshot(default_knowledge_dir())
    assert main(["kb", "init", str(target)]) == 1
    assert "not empty" in capsys.readouterr().err
    (tmp_path / "afile").touch()  # a file is no folder, empty or not
    assert main(["kb", "init", str(tmp_path / "afile")]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err


def test_kb_init_copies_the_folder_knowledge_names(tmp_path):
    first = tmp_path / "first"
    assert main(["kb", "init", str(first)]) == 0
    (first / "sources" / "kaczmarski-2018.md").rename(first / "sources" / "ours.md")
    second = tmp_path / "second"
    assert main(["--knowledge", str(first), "kb", "init", str(second)]) == 0
    assert sorted(p.name for p in (second / "sources").iterdir()) == ["ours.md"]


def test_kb_init_says_it_copies_the_shipped_folder_whatever_citebot_knowledge_names(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CITEBOT_KNOWLEDGE", str(tmp_path / "ours"))
    assert main(["kb", "init", str(tmp_path / "new")]) == 0
    said = capsys.readouterr().out
    assert "shipped knowledge" in said and "not $CITEBOT_KNOWLEDGE" in said and "--knowledge" in said


def test_an_id_that_is_not_plain_is_told_the_plain_one(knowledge, tmp_path, capsys):
    text = tmp_path / "t.md"
    text.write_text("The river floods every spring and the weir holds it back. " * 6, encoding="utf-8")
    assert main(["--knowledge", str(knowledge), "kb", "draft", str(text), "--id", "Macrae 2021"]) == 1
    assert "e.g. --id macrae-2021" in capsys.readouterr().err


def test_two_writes_within_one_second_each_keep_the_file_they_replaced(tmp_path):
    root = tmp_path / "k"
    (root / "entries").mkdir(parents=True)
    (root / "entries" / "a.yaml").write_text("first")
    same_second = datetime(2025, 1, 2, 3, 4, 5)
    write_all(root, {"entries/a.yaml": "second"}, now=same_second)
    write_all(root, {"entries/a.yaml": "third"}, now=same_second)
    kept = sorted(p.read_text() for p in (root / "entries").glob("a.yaml.bak-*"))
    assert kept == ["first", "second"] and (root / "entries" / "a.yaml").read_text() == "third"
