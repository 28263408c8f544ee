import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import default_knowledge_dir
from bot.kb import dialogue
from tests.conftest import SMALL_ENTRIES, with_tiny_text, write_knowledge

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_ask_prints_answer_citation_and_source():
    code, text = run("ask", "where did abe meet putin")
    assert code == 0
    assert "Vladivostok" in text
    assert "[2]" in text and "Marcin Kaczmarski" in text


def test_a_text_that_names_no_author_is_not_said_to_be_by_unknown(tmp_path):
    # `kb draft` writes "author: Unknown" when it finds none: answers said "A tiny text by Unknown".
    from tests.conftest import SMALL_SOURCE

    root = write_knowledge(tmp_path / "k", source=SMALL_SOURCE.replace("author: Ann Author", "author: Unknown"))
    code, text = run("--knowledge", str(root), "ask", "when was the weir built")
    assert code == 0 and "2019" in text and "A tiny text" in text and "Unknown" not in text
    code, text = run("--knowledge", str(root), "ask", "who wrote this text")
    assert "Unknown" not in text
    code, text = run("--knowledge", str(root), "ask", "what texts do you have")
    assert "A tiny text" in text and "Unknown" not in text


def test_ask_json_is_one_object_with_the_contract():
    code, text = run("ask", "--json", "how much did japan invest in yamal")
    data = json.loads(text)
    assert code == 0 and text.count("\n") == 1
    assert data["kind"] == "curated" and data["entry"] == "yamal-japan-investment"
    assert data["citations"][0]["passage"] == 7
    assert 0 <= data["confidence"] <= 1


def _database(path: Path) -> Path:
    """The bot's database, as its first run leaves it."""
    import asyncio

    from bot.store import Store

    async def create() -> None:
        async with Store(path):
            pass

    asyncio.run(create())
    return path


@pytest.mark.parametrize("unbuffered", ["", "1"])  # "1": as the Docker image runs, each line written at once
def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(tmp_path, unbuffered):
    import os

    read, write = os.pipe()
    os.close(read)  # `citebot db | head -3`, with head gone before the output comes
    try:
        env = dict(os.environ, CITEBOT_DB=str(_database(tmp_path / "citebot.db")), PYTHONUNBUFFERED=unbuffered)
        proc = subprocess.run([sys.executable, "-m", "bot", "db"], stdout=write, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT, env=env, timeout=60)
    finally:
        os.close(write)
    # Not "the database ... cannot be used ([Errno 32] Broken pipe)", nor Python's "Exception ignored".
    assert (proc.returncode, proc.stderr) == (141, "")


def test_output_that_cannot_be_written_is_no_database_error(database, capsys):
    class Closed(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    _database(database)
    assert main(["db"], out=Closed()) == 141
    assert capsys.readouterr().err == ""


def test_ask_jsonl_answers_every_line_in_order_including_blank_and_garbage():
    lines = ["where did abe meet putin", "", "   ", "\x00\x01", "🙂", "What is Japan's GDP?"]
    proc = subprocess.run([sys.executable, "-m", "bot", "ask", "--jsonl"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["question"] for r in rows] == lines
    assert [r["kind"] for r in rows] == ["curated", "none", "none", "none", "none", "none"]
    assert all(r["answer"] for r in rows)


def test_broken_knowledge_is_a_clear_error_without_traceback(tmp_path, capsys):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))
    code, _ = run("--knowledge", str(root), "ask", "when was the weir built")
    err = capsys.readouterr().err
    assert code == 1
    assert "tiny.yaml:10" in err and "Traceback" not in err


def test_a_mistaken_edit_is_answered_around_from_the_last_version_without_errors(tmp_path, capsys):
    root = write_knowledge(tmp_path / "k")
    assert run("--knowledge", str(root), "ask", "when was the weir built")[0] == 0  # loaded once, and cached
    (root / "entries" / "tiny.yaml").write_text(SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))
    capsys.readouterr()
    code, text = run("--knowledge", str(root), "ask", "when was the weir built")
    err = capsys.readouterr().err
    assert code == 0 and "2019" in text
    assert "tiny.yaml:10" in err and "answering from its last version without errors" in err
    assert run("--knowledge", str(root), "kb", "validate")[0] == 1  # the errors are still errors


def test_validate_lists_problems_and_exits_1(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("- passage: 2", "- passage: 9"))
    code, text = run("--knowledge", str(root), "kb", "validate")
    assert code == 1 and "tiny.yaml:10: error" in text and "cannot be served" in text
    code, text = run("kb", "validate")
    assert code == 0 and text.rstrip().splitlines()[-1].startswith("OK:")


def test_validate_counts_drafts_apart(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("  - id: river-floods",
                                                                         "  - draft: true\n    id: river-floods"))
    code, text = run("--knowledge", str(root), "kb", "validate")
    assert code == 0 and "2 entries (1 of them a draft, not served), 0 prompts" in text


def test_knowledge_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("CITEBOT_KNOWLEDGE", str(write_knowledge(tmp_path / "k")))
    _, text = run("ask", "--json", "when was the weir built")
    assert json.loads(text)["entry"] == "weir-built"


def test_stats_counts_and_lists_bare_passages(tmp_path):
    code, text = run("--knowledge", str(write_knowledge(tmp_path / "k")), "kb", "stats")
    assert code == 0
    assert "passages 3, entries 2" in text
    assert "passages with no served entry: 3" in text


def test_stats_counts_a_draft_but_not_as_served(tmp_path):
    root = write_knowledge(tmp_path / "k")
    entries = root / "entries" / "tiny.yaml"
    entries.write_text(entries.read_text(encoding="utf-8").replace("  - id: weir-built\n",
                                                                  "  - id: weir-built\n    draft: true\n", 1),
                       encoding="utf-8")
    code, text = run("--knowledge", str(root), "kb", "stats")
    assert code == 0 and "entries 2 (1 served, 1 drafts not served yet)" in text
    assert "passages with no served entry: 2, 3" in text


@pytest.mark.parametrize(
    ("number", "code", "says"),
    [("12", 0, "Levada Center"), ("99", 1, "passages 1 to 15")],
)
def test_passage(number, code, says):
    got, text = run("passage", number)
    assert got == code and says in text


def test_a_passage_that_opens_a_heading_shows_it():
    # Answers speak of the Swedish heading "Sammanfattning" above passage 1: reading it shows it.
    assert "# Sammanfattning\n\nEven though" in run("passage", "1")[1]
    assert "Sammanfattning" not in run("passage", "2")[1]  # the same section, not its opening


@pytest.mark.parametrize(("argv", "says"), [
    (("passage", "x"), "is not a passage number"), (("quiz", "--count", "0"), "is not a count"),
    (("server", "suggestions", "--guild", "5", "--reject", "0"), "'0' is not a number from the list"),
])
def test_a_bad_value_is_a_usage_error(argv, says, capsys):
    with pytest.raises(SystemExit) as exited:
        main(list(argv))
    assert exited.value.code == 2 and says in capsys.readouterr().err


def test_ask_without_a_question_is_a_usage_error(capsys):
    assert main(["ask"]) == 2
    assert "give a question" in capsys.readouterr().err


def test_search_finds_passages():
    code, text = run("search", "aegis", "missile")
    assert code == 0 and text.startswith("[11]")
    many = run("search", "putin")[1].splitlines()  # more passages than are listed: it says so
    assert len(many) == 6 and many[-1].startswith("(the best 5; more passages use these words")


def test_search_shows_the_best_five_and_more_on_request():
    code, text = run("search", "islands")
    shown = [line for line in text.splitlines() if line.startswith("[")]
    assert code == 0 and len(shown) == 5 and "--limit 10" in text
    code, text = run("search", "islands", "--limit", "6")
    assert code == 0 and len([line for line in text.splitlines() if line.startswith("[")]) == 6
    with pytest.raises(SystemExit) as exited:
        run("search", "islands", "--limit", "0")
    assert exited.value.code == 2


def test_search_for_common_words_only_says_they_are_too_common():
    code, text = run("search", "the")
    assert code == 0 and "too common to look for" in text
    assert run("search", "xylophone")[1].startswith("No passage uses")


def test_eval_names_what_its_file_expects_that_the_text_does_not_hold(tmp_path, capsys):
    path = tmp_path / "eval.yaml"
    path.write_text("source: kaczmarski-2018\nin_scope:\n  - {q: where did they meet, passage: 40, fact: x}\n"
                    "  - {q: where again, quote: a beam fixed at both ends, fact: x}\nout_of_scope:\n  - {q: hi}\n",
                    encoding="utf-8")
    code, _ = run("kb", "eval", str(path))
    err = capsys.readouterr().err
    assert code == 1 and f"{path}:3: error" in err and "has passages 1 to 15" in err
    assert f"{path}:4: error" in err and "no passage of 'kaczmarski-2018' holds" in err


def test_eval_prints_rates_and_honours_min():
    code, text = run("kb", "eval", str(ROOT / "benchmarks/eval/kaczmarski-2018.yaml"), "--min", "0.9")
    assert code == 0
    assert "in scope:" in text and "out of scope:" in text


def test_unknown_source_is_a_clear_error(capsys):
    code, _ = run("ask", "--source", "nope", "hello")
    assert code == 1 and "no source 'nope'" in capsys.readouterr().err


def test_chat_answers_picks_suggestions_and_quits(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("where did abe meet putin\npassage 2\nsearch levada\nhelp\nquit\n"))
    code, text = run("chat")
    assert code == 0
    assert "Vladivostok" in text and "Passage 2 of 15" in text and "[12]" in text and "quit" in text


def test_chat_lists_suggestions_once_numbered_and_picks_one(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("what name does tokyo give the land the russians hold\n1\nquit\n"))
    code, text = run("chat")
    unsure = text.split("(type a number to pick one)")[0]
    assert code == 0 and unsure.count("What share of Russians valued keeping the islands") == 1
    assert "Did you mean:\n  1. " in unsure and "56% believed" in text


def test_chat_reads_a_search_hit_in_full_by_its_number_until_the_next_question(monkeypatch):
    lines = "search poll\n2\n3\nwhere did abe meet putin\n2\nquit\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    code, text = run("chat")
    # Read from a pipe, each line is echoed after the prompt; what follows it is the reply.
    echoed, replies = zip(*(chunk.split("\n", 1) for chunk in text.split("\n> ")[1:6]), strict=True)
    assert list(echoed) == lines.split("\n")[:5]
    listed, picked, beyond, asked, after = replies
    assert code == 0 and listed.startswith("1. [12] ") and "\n2. [13] " in listed and "type 1 to 2" in listed
    assert picked.startswith("Passage 13 of 15") and "57% of respondents" in picked
    assert beyond.startswith("Pick 1 to 2, or ask")
    assert "Vladivostok" in asked and after.startswith("There are no suggestions to pick from")


def test_chat_reads_a_related_passage_of_a_decline_by_its_number(monkeypatch):
    # Typing 1 after "Related passages: 5" (no entry on offer) said there was nothing to pick.
    lines = "what is the 2+2 format\nwhy tho\n1\nquit\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    code, text = run("chat")
    _, _, declined, picked = (chunk.split("\n", 1)[1] for chunk in text.split("\n> ")[:4])
    assert code == 0 and "Related passages: 5." in declined and "(type 1 to read it: passage 5)" in declined
    assert picked.startswith("Passage 5 of 15")
    assert "Why what? Ask the whole question" not in declined  # after an answer, "why tho" follows it up


def test_why_with_a_filler_and_nothing_before_asks_for_the_whole_question():
    for question in ("why tho", "why though?", "why lol"):
        code, text = run("ask", question)
        assert code == 0 and text.startswith("Why what? Ask the whole question"), text


def test_chat_names_the_text_once_not_under_every_answer(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("where did abe meet putin\nwho is putin\n"))
    code, text = run("chat")
    assert code == 0 and text.count("Kaczmarski") == 1  # in the greeting only
    code, text = run("ask", "where did abe meet putin")
    assert "Source: " in text  # a single answer still says where it comes from


def test_chat_passes_over_an_empty_line(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n   \nquit\n"))
    code, text = run("chat")
    assert code == 0 and "couldn't find a question" not in text and text.count("> ") == 1  # only "> quit"


def test_chat_at_a_terminal_reads_whole_lines_and_ends_at_ctrl_d(monkeypatch):
    # At a terminal, a half-typed line ended with Ctrl-D was sent on its own, and the next line
    # joined to it ("whquit"). Lines are now read as a terminal user edits them (input()).
    typed = iter(["where did abe meet putin", "quit"])

    def read_line(prompt: str) -> str:
        line = next(typed, None)
        if line is None:
            raise EOFError
        return line

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", read_line)
    code, text = run("chat")
    assert code == 0 and "Vladivostok" in text
    typed = iter(["where did abe meet putin"])  # and Ctrl-D, with nothing typed, ends the session
    code, text = run("chat")
    assert code == 0 and text.rstrip().endswith("(sure; confidence 1.00)")


def test_chat_from_a_pipe_ends_with_its_last_answer_not_a_prompt(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("where did abe meet putin\n"))
    code, text = run("chat")
    assert code == 0 and text.count("> ") == 1 and text.rstrip().endswith("(sure; confidence 1.00)")


def test_chat_says_so_when_a_number_picks_nothing(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("2\nquit\n"))
    code, text = run("chat")
    assert code == 0
    assert "There are no suggestions to pick from: ask a question in words." in text and "Did you mean" not in text


def test_answer_path_does_not_import_discord_nor_what_only_other_commands_need():
    # A one-shot ask pays for every import: discord.py, the event loop and package metadata
    # belong to the commands that use them.
    code = ("import sys; from bot.cli import main; main(['ask', 'where did abe meet putin']); "
            "print([m for m in ('discord', 'asyncio', 'importlib.metadata') if m in sys.modules])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.strip().endswith("[]")


def test_the_word_table_is_keyed_on_the_installed_wordfreq():
    from importlib import metadata

    from bot.kb.lexicon import _wordfreq_version

    assert _wordfreq_version() == metadata.version("wordfreq")


def test_db_reports_where_it_is_and_what_it_holds(tmp_path, monkeypatch):
    import asyncio

    from bot.store import Store

    path = tmp_path / "bot.db"
    monkeypatch.setenv("CITEBOT_DB", str(path))
    code, text = run("db")
    assert code == 0 and "not created yet" in text

    async def fill() -> None:
        async with Store(path) as store:
            await store.log_question(guild_id=1, channel_id=2, question="q", kind="none", entry_id=None, confidence=0)

    asyncio.run(fill())
    code, text = run("db")
    assert code == 0 and str(path) in text
    assert "questions" in text and "answers by kind: none 1" in text


@pytest.mark.parametrize(("question", "kind", "reason"), [
    ("where did abe meet putin", "curated", None),
    ("thanks!", "none", "small-talk"),
    ("$$$", "none", "empty"),
    ("how do I make pancakes", "none", "not-found"),
])
def test_ask_json_says_why_an_answer_is_none(question, kind, reason):
    data = json.loads(run("ask", "--json", question)[1])
    assert (data["kind"], data["reason"]) == (kind, reason)


def test_ask_answers_each_question_of_a_message():
    code, text = run("ask", "where did abe meet putin and what did putin propose?")
    assert code == 0 and "Vladivostok" in text and "peace treaty" in text
    data = json.loads(run("ask", "--json", "where did abe meet putin and what did putin propose?")[1])
    assert data["entry"] == "meeting-place" and data["more"][0]["citations"][0]["passage"] == 8


@pytest.mark.parametrize("argv", [("ask", ""), ("ask", "   "), ("ask", "--jsonl", "where did abe meet putin")])
def test_ask_says_how_to_ask_rather_than_answer_nothing_or_drop_a_question(argv, capsys):
    # A blank question is a usage error however it is blank; --jsonl reads standard input, so a
    # question given beside it would be silently dropped.
    code, text = run(*argv)
    assert code == 2 and not text and "citebot ask" in capsys.readouterr().err


def test_how_to_ask_is_shown_with_a_question_the_chosen_knowledge_answers(tmp_path, capsys):
    # The example is the folder's own, quoted so that it can be pasted into a shell as it is.
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "When was the weir built?", 'When was the "new" weir built, in $ terms?'))
    assert run("--knowledge", str(root), "ask", "")[0] == 2
    said = capsys.readouterr().err
    assert 'citebot ask "When was the \\"new\\" weir built, in \\$ terms?"' in said, said
    assert "Putin" not in said
    # Each of two texts gets one: here the drafted text nobody has curated, by what it is about.
    assert run("--knowledge", str(root), "kb", "draft", str(ROOT / "benchmarks" / "texts" / "bees.txt"),
               "--id", "bees")[0] == 0
    capsys.readouterr()
    assert run("--knowledge", str(root), "ask", "--jsonl", "why")[0] == 2
    said = capsys.readouterr().err
    assert 'citebot ask --json "' in said and '"When was the' in said and '"What is Honeybees' in said, said


def test_ask_jsonl_keeps_one_independent_answer_per_line(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("how much did japan invest in yamal lng\nand china?\n"))
    rows = [json.loads(line) for line in run("ask", "--jsonl")[1].splitlines()]
    assert len(rows) == 2 and "10 billion" not in rows[1]["answer"]  # no conversation between lines


def test_chat_reads_a_follow_up_with_the_answer_before_it(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("how much did japan invest in yamal lng\nand china?\nquit\n"))
    code, text = run("chat")
    assert code == 0 and "US$200 million in Yamal-LNG, which pales" in text
    assert "US$10 billion in Yamal-LNG, against Japan's" in text  # China's own entry, found through the context


def test_chat_keeps_the_topic_when_a_bare_follow_up_finds_nothing(monkeypatch):
    """"why?" twice: the second finds only related passages, and "when was that?" still asks of the
    proposal: it offers when and where Putin made it, and does not give the treaty's deadline as that."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("what did putin propose at the forum\nwhy?\nwhy?\n"
                                                  "when was that?\nquit\n"))
    code, text = run("chat")
    turns = text.split("\n> ")
    assert code == 0 and turns[3].startswith("why?") and "Related passages" in turns[3]
    assert turns[4].startswith("when was that?") and "Where did Putin broach the idea" in turns[4]
    assert "by the end of the year" not in turns[4]


@pytest.mark.parametrize(("question", "leans"), [
    ("why?", True), ("how so?", True), ("when was that?", True), ("why tho", True), ("why is that", True),
    ("who was the club president in 1889", False), ("and what about china?", False), ("hmm", False), ("", False)])
def test_a_question_that_leans_on_the_answer_before(question, leans):
    assert dialogue.leans_on_the_answer(question) is leans


def test_eval_prints_rates_per_style():
    code, text = run("kb", "eval", str(ROOT / "benchmarks/eval/kaczmarski-2018-members.yaml"))
    assert code == 0
    assert "by style:" in text and "paraphrase" in text and "small-talk" in text
    assert "suggested the right entry" in text


def test_eval_of_a_text_nobody_curated_counts_no_suggestions_and_names_no_entry(tmp_path):
    root = tmp_path / "k"
    assert run("kb", "init", str(root))[0] == 0
    assert run("--knowledge", str(root), "kb", "draft", str(ROOT / "benchmarks" / "texts" / "bees.txt"),
               "--id", "bees")[0] == 0
    code, text = run("--knowledge", str(root), "kb", "eval", str(ROOT / "benchmarks/eval/bees-dev.yaml"))
    assert code == 0 and "MISS" in text and "in scope:" in text
    assert "suggested the right entry" not in text  # there are no entries to suggest
    assert "got passage (" in text and "got passage  (" not in text and "got none (" in text


@pytest.mark.parametrize("where", ["before", "after the group", "after the command"])
def test_knowledge_is_accepted_before_or_after_the_command(tmp_path, where):
    root = str(write_knowledge(tmp_path / "k"))
    argv = {"before": ["--knowledge", root, "kb", "validate"],
            "after the group": ["kb", "--knowledge", root, "validate"],
            "after the command": ["kb", "validate", "--knowledge", root]}[where]
    code, text = run(*argv)
    assert code == 0 and "OK: 1 source(s), 2 entries" in text


def test_knowledge_after_ask_is_used(tmp_path):
    data = json.loads(run("ask", "--json", "when was the weir built", "--knowledge",
                          str(write_knowledge(tmp_path / "k")))[1])
    assert data["entry"] == "weir-built"


def test_version_comes_from_the_installed_package(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"citebot {version('citebot')}"


def _parsers(parser, name="citebot"):
    import argparse

    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


def test_every_command_and_argument_is_described_in_help():
    import argparse

    from bot.cli import build_parser

    undescribed = []
    for name, parser in _parsers(build_parser()):
        if not parser.description:
            undescribed.append(name)
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction) and not action.help:
                undescribed.append(f"{name} {action.dest}")
            if isinstance(action, argparse._SubParsersAction):
                undescribed += [f"{name} {c.dest}" for c in action._choices_actions if not c.help]
    assert undescribed == []


@pytest.mark.parametrize("group", ["kb", "prompts"])
def test_a_command_group_alone_says_to_name_one_of_its_commands(capsys, group):
    with pytest.raises(SystemExit) as exit_:
        main([group])
    assert exit_.value.code == 2 and f"{group} -h lists them" in capsys.readouterr().err


def test_chat_help_lists_what_can_be_typed_in_the_session(capsys):
    with pytest.raises(SystemExit):
        main(["chat", "-h"])
    shown = capsys.readouterr().out
    assert "passage N [ID]" in shown and "search WORDS" in shown and "pick a suggestion" in shown


@pytest.mark.parametrize(("value", "says"), [
    ("90", "90 is not a rate from 0 to 1; for 90% write 0.9"),
    ("1.5", "1.5 is not a rate from 0 to 1"),
    ("-0.1", "-0.1 is not a rate from 0 to 1"),
    ("most", "'most' is not a number"),
])
def test_eval_min_is_a_rate_and_says_why_not(capsys, value, says):
    with pytest.raises(SystemExit) as exit_:
        main(["kb", "eval", "whatever.yaml", f"--min={value}"])
    assert exit_.value.code == 2 and says in capsys.readouterr().err


TINY_EVAL = """\
source: tiny
in_scope:
  - {q: "what year was the weir put up", passage: 2, fact: "2019"}
  - {q: "when does the river flood", passage: 3, fact: spring}
out_of_scope:
  - {q: "how do I bake bread"}
"""


@pytest.mark.parametrize(("minimum", "code", "says"), [
    ("0.9", 1, "FAILED: in scope 50.0% below the minimum 90%."),
    ("0.5", 0, None),
])
def test_eval_below_the_minimum_says_so_in_one_line(tmp_path, minimum, code, says):
    root = write_knowledge(tmp_path / "k")
    path = tmp_path / "eval.yaml"
    path.write_text(TINY_EVAL, encoding="utf-8")
    got, text = run("--knowledge", str(root), "kb", "eval", str(path), "--min", minimum)
    assert got == code
    assert (text.splitlines()[-1] == says) if says else "FAILED" not in text


def test_chat_reads_a_passage_of_the_text_being_talked_about(tmp_path, monkeypatch):
    root = with_tiny_text(tmp_path / "knowledge")
    lines = "passage 2\nwhen was the weir built\npassage 2\npassage 2 kaczmarski-2018\nquit\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    code, text = run("--knowledge", str(root), "chat")
    assert code == 0
    assert "Which text? Give passage N ID" in text  # nothing asked yet: which text?
    assert "Passage 2 of 3" in text  # then the text the answer came from
    assert "Passage 2 of 15" in text  # or the one named


def test_chat_moves_to_the_text_a_decline_points_to(tmp_path, monkeypatch):
    # "who paid for the weir" is declined with passages of the tiny text to read: the talk is now about
    # that text, not the shipped one two lines back ("what did he do?" was read as about Putin).
    root = with_tiny_text(tmp_path / "knowledge")
    lines = "where did abe meet putin\nwho paid for the weir\npassage 2\nquit\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(lines))
    code, text = run("--knowledge", str(root), "chat")
    assert code == 0 and "Vladivostok" in text
    assert "Passage 2 of 3" in text and "Passage 2 of 15" not in text


def test_chat_limited_to_one_text_names_only_that_text(tmp_path, monkeypatch):
    root = with_tiny_text(tmp_path / "knowledge")
    monkeypatch.setattr(sys, "stdin", io.StringIO("quit\n"))
    code, text = run("--knowledge", str(root), "chat", "--source", "kaczmarski-2018")
    banner = text.splitlines()[0]
    assert code == 0 and "Japan and Russia" in banner and ";" not in banner


def test_the_next_prompt_names_its_text_when_several_are_served(tmp_path):
    root = with_tiny_text(tmp_path / "knowledge")
    code, text = run("--knowledge", str(root), "prompts", "next")
    assert code == 0 and text.split(":")[0].endswith("]") and "[Japan and Russia" in text.split(":")[0]
    code, text = run("prompts", "next")  # the shipped text alone: no label needed
    assert code == 0 and "[" not in text.split(":")[0]


@pytest.mark.parametrize("argv", [["ask", "hi"], ["kb", "validate"], ["search", "levada"]])
def test_a_knowledge_folder_that_does_not_exist_is_named_with_how_to_make_one(tmp_path, capsys, argv):
    missing = tmp_path / "nowhere"
    assert main(["--knowledge", str(missing), *argv]) == 1
    err = capsys.readouterr().err
    assert f"there is no knowledge folder at {missing}" in err and "citebot kb init" in err
    assert not missing.exists()


def test_export_of_an_unknown_text_says_so():
    code, _ = run("kb", "export", "--source", "nope")
    assert code == 1


@pytest.mark.parametrize(("argv", "usage"), [
    (["ask", "--jsn", "where did abe meet putin"], "usage: citebot ask"),
    (["kb", "validate", "--bogus"], "usage: citebot kb validate"),
    (["--bogus"], "usage: citebot [-h]"),
])
def test_a_misspelt_option_shows_the_usage_of_its_own_command(argv, usage, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and usage in err and "unrecognized arguments" in err


@pytest.mark.parametrize(("argv", "meant"), [
    (["aks", "where did abe meet putin"], "did you mean 'ask'?"),
    (["kb", "vaildate"], "did you mean 'validate'?"),
    (["server", "setings"], "did you mean 'settings'?"),
    (["zzz"], None),  # nothing close: the choices alone
])
def test_a_misspelt_command_names_the_one_probably_meant(argv, meant, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "invalid choice" in err
    assert (meant in err) if meant else "did you mean" not in err


@pytest.mark.parametrize(("argv", "hint"), [
    (["where did abe meet putin"], 'to ask a question: citebot ask "where did abe meet putin"'),
    (["--json", "ask", "where did abe meet putin"], "--json goes after the command's name: citebot ask --json"),
    (["search", "islands", "--jsn"], None),  # no option of search: nothing to move
    # An option with a value before the command: the value was taken for the command.
    (["--guild", "111", "ask", "where did abe meet putin"], "--guild goes after the command's name: citebot ask "
     "--guild 111"),
])
def test_a_question_or_an_option_where_the_command_goes_says_where_it_belongs(argv, hint, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert (hint in err) if hint else ("goes after" not in err and "to ask a question" not in err)


@pytest.mark.parametrize(("argv", "meant"), [
    (["ask", "--jsn", "where did abe meet putin"], "did you mean --json?"),
    (["ask", "--sauce", "x", "where did abe meet putin"], "did you mean --source?"),
    (["ask", "--zzz", "where did abe meet putin"], None),
])
def test_a_misspelt_option_names_the_one_probably_meant(argv, meant, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "unrecognized arguments" in err
    assert (meant in err) if meant else "did you mean" not in err


def test_the_evaluation_format_in_kb_eval_help_is_a_file_kb_eval_reads(tmp_path, small_dir):
    import textwrap

    from bot.cli import EVAL_FORMAT
    from bot.kb.evaluate import load_cases

    example = EVAL_FORMAT.split("YAML:\n", 1)[1].split("\n\n", 1)[0]
    path = tmp_path / "eval.yaml"
    path.write_text(textwrap.dedent(example).replace("smith-2025", "tiny"))
    cases = load_cases(path)
    assert [(c.in_scope, bool(c.context), len(c.parts)) for c in cases] == [
        (True, False, 0), (True, False, 0), (False, False, 0), (True, True, 0), (True, False, 2)]
    code, text = run("--knowledge", str(small_dir), "kb", "eval", str(path))
    assert code == 0 and "in scope:" in text


def test_a_sentence_of_the_text_says_once_that_no_curated_answer_covers_it(tmp_path):
    # Its first line says so; "(from the text itself, not a curated answer; ...)" under it said it again.
    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    (root / "entries" / "kaczmarski-2018.yaml").write_text("source: kaczmarski-2018\nentries: []\n")
    code, text = run("--knowledge", str(root), "ask", "where did abe meet putin")
    assert code == 0 and "No curated answer covers this" in text and "Vladivostok" in text
    assert "not a curated answer" not in text and "(confidence " not in text
    # How sure, in the words a curated answer's odds get: "(not very sure; confidence 0.48)".
    assert re.search(r"\((?:fairly|not very) sure; confidence 0\.\d\d\)", text), text


@pytest.mark.parametrize(("kind", "confidence", "said"), [
    ("curated", 0.9, "sure"), ("curated", 0.7, "fairly sure"), ("curated", 0.6, "not very sure"),
    # A sentence's scores run lower: from 0.5 its answers were as often right as a curated 0.65's.
    ("passage", 0.55, "fairly sure"), ("passage", 0.45, "not very sure"), ("passage", 0.26, "not very sure"),
    ("none", 0.0, ""),
])
def test_how_sure_an_answer_is_is_said_in_words_for_its_kind(kind, confidence, said):
    from bot import render
    from bot.kb.models import Answer

    assert render.sureness(Answer("q", kind, "text", confidence)) == said


def test_files_already_there_are_counted_in_the_message():
    from pathlib import Path

    from bot.cli.common import already_there

    assert already_there(["sources/airlift.md"], Path("k")) == "sources/airlift.md already exists in k"
    assert already_there(["a.md", "b.yaml"], Path("k")) == "a.md, b.yaml already exist in k"


def test_counts_take_the_number_their_noun_needs():
    # "wrote 1 entries", "done: 1 rows in 1 tables" read wrong.
    from bot.cli.common import counted

    assert counted(1, "entry", "entries") == "1 entry" and counted(2, "entry", "entries") == "2 entries"
    assert counted(0, "row") == "0 rows" and counted(1200, "row") == "1,200 rows"
