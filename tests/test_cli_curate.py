"""A server's own entries and texts from the terminal: what /kb and /kb text do in Discord, in the same
database, by the same rules; a running bot serves each change (tests/scenarios/test_curation_day.py)."""

import textwrap

import pytest

from bot.entry_changes import TERMINAL
from tests.test_cli import run
from tests.test_cli_server import read

GUILD = 5
ENTRY = textwrap.dedent("""\
    source: kaczmarski-2018
    entries:
      - id: aegis-price
        questions:
          - How much does Aegis Ashore cost?
          - price of the aegis ashore system
          - What will Japan pay for its new missile shield?
        answer: The text gives no price; it calls Aegis Ashore another layer of missile defence.
        cite:
          - passage: 11
            quote: "the Aegis Ashore system"
    """)


@pytest.fixture
def entries_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(ENTRY, encoding="utf-8")
    return path


def ask(question: str) -> str:
    return run("ask", "--guild", str(GUILD), question)[1]


def test_an_entry_put_from_a_file_serves_the_server_alone_and_is_stored_as_the_terminals(database, entries_file):
    assert "no entries of its own" in run("server", "entries", "--guild", str(GUILD))[1]
    code, text = run("server", "entries", "--guild", str(GUILD), "--put", str(entries_file))
    assert code == 0 and "added 'aegis-price' in server 5 (change 1; undo with --undo 1)" in text
    assert "The text gives no price" in ask("how much does aegis ashore cost")
    assert "The text gives no price" not in run("ask", "how much does aegis ashore cost")[1]  # the shared knowledge
    assert "added   aegis-price: How much does Aegis Ashore cost?" in run("server", "entries", "--guild", str(GUILD))[1]
    [change] = read(database, lambda store: store.entry_changes(GUILD, "aegis-price"))
    assert change.user_id == TERMINAL and change.action == "add"


def test_retire_history_and_undo_as_in_discord(database, entries_file):
    run("server", "entries", "--guild", str(GUILD), "--put", str(entries_file))
    code, text = run("server", "entries", "--guild", str(GUILD), "--retire", "aegis-price")
    assert code == 0 and "retired 'aegis-price'" in text and "--undo 2" in text
    assert "The text gives no price" not in ask("how much does aegis ashore cost")
    code, text = run("server", "entries", "--guild", str(GUILD), "--history", "aegis-price")
    lines = text.splitlines()
    assert code == 0 and lines[1].startswith("  #2 ") and "the terminal  retire: taken out of service" in lines[1]
    assert "add: serves \u201cThe text gives no price" in lines[2]
    # Only the latest change can be undone: an older one would throw the newer away.
    assert run("server", "entries", "--guild", str(GUILD), "--undo", "1")[0] == 1
    code, text = run("server", "entries", "--guild", str(GUILD), "--undo", "2")
    assert code == 0 and "back as it was before that retire" in text
    assert "The text gives no price" in ask("how much does aegis ashore cost")
    assert run("server", "entries", "--guild", str(GUILD), "--undo", "99")[0] == 1
    assert run("server", "entries", "--guild", str(GUILD), "--retire", "no-such-entry")[0] == 1


def test_a_question_members_asked_is_added_as_a_phrasing_as_the_gaps_button_adds_it(database, capsys):
    asked = "what does the author say about russian far east residents"
    assert '"kind": "none"' in run("ask", "--json", asked)[1]  # declined before
    code, text = run("server", "entries", "--guild", str(GUILD), "--add-phrasing", "rfe-investment", asked)
    assert code == 0 and f"added \u201c{asked}\u201d to 'rfe-investment'" in text and "--undo 1" in text
    assert "quality of life" in run("ask", "--guild", str(GUILD), asked)[1]  # that server's, at once
    assert "quality of life" not in run("ask", "--guild", str(GUILD + 1), asked)[1]  # no other's
    # A phrasing another entry has already is refused, and nothing is saved.
    capsys.readouterr()
    assert run("server", "entries", "--guild", str(GUILD), "--add-phrasing", "rfe-investment",
               "Where did Abe meet Putin?")[0] == 1
    assert "also a phrasing of 'meeting-place'" in capsys.readouterr().err
    assert len(read(database, lambda store: store.entry_changes(GUILD, "rfe-investment"))) == 1


def test_each_server_numbers_its_changes_and_undoes_by_its_own_number(database, entries_file):
    run("server", "entries", "--guild", str(GUILD), "--put", str(entries_file))
    run("server", "entries", "--guild", str(GUILD), "--retire", "aegis-price")
    other = str(GUILD + 1)
    code, text = run("server", "entries", "--guild", other, "--put", str(entries_file))
    assert code == 0 and f"added 'aegis-price' in server {other} (change 1; undo with --undo 1)" in text
    code, text = run("server", "entries", "--guild", other, "--history", "aegis-price")
    assert text.splitlines()[1].startswith("  #1 ") and "undo one with --undo N (the newest first: #1)" in text
    assert run("server", "entries", "--guild", other, "--undo", "2")[0] == 1  # the first server's #2, not this one's
    code, text = run("server", "entries", "--guild", other, "--undo", "1")
    assert code == 0 and "the add is undone (change 2)" in text
    assert "no entries of its own" in run("server", "entries", "--guild", other)[1]
    assert "retired aegis-price" in run("server", "entries", "--guild", str(GUILD))[1]


def test_an_add_undone_says_the_entry_is_gone_not_back_as_it_was(database, entries_file):
    # Before, "'aegis-price' is back as it was before that add", of an entry that was not there.
    run("server", "entries", "--guild", str(GUILD), "--put", str(entries_file))
    code, text = run("server", "entries", "--guild", str(GUILD), "--undo", "1")
    assert code == 0 and "'aegis-price' is no longer one of this server's own entries: the add is undone" in text
    assert "back as it was" not in text
    assert "The text gives no price" not in ask("how much does aegis ashore cost")


def test_a_shared_entry_put_again_is_replaced_in_that_server(database, tmp_path):
    path = tmp_path / "edit.yaml"
    path.write_text(textwrap.dedent("""\
        source: kaczmarski-2018
        entries:
          - id: meeting-place
            questions:
              - Where did Abe meet Putin?
              - In which city did the Japanese prime minister and the Russian president meet?
              - which town hosted the abe putin talks
            answer: In Vladivostok, at the Eastern Economic Forum of September 2018.
            cite:
              - passage: 2
                quote: "on the margins of the Eastern Economic Forum in Vladivostok"
        """), encoding="utf-8")
    code, text = run("server", "entries", "--guild", str(GUILD), "--put", str(path))
    assert code == 0 and "replaced 'meeting-place'" in text
    assert "Eastern Economic Forum of September 2018" in ask("where did abe meet putin")
    assert "edited  meeting-place" in run("server", "entries", "--guild", str(GUILD))[1]


def test_a_file_with_any_error_saves_nothing_and_names_each_line(database, entries_file, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text(ENTRY + textwrap.indent(textwrap.dedent("""\
          - id: second
            questions:
              - Where did Abe meet Putin?
              - where was the meeting held
              - meeting venue
            answer: Somewhere.
            cite:
              - passage: 2
                quote: "words the passage does not have"
        """), "  "), encoding="utf-8")
    code, text = run("server", "entries", "--guild", str(GUILD), "--put", str(bad))
    assert code == 1 and "nothing was saved" in capsys.readouterr().err
    assert "bad.yaml:20: error: 'second': the quote is not in passage 2" in text
    assert "bad.yaml:14: error: \"Where did Abe meet Putin?\" is also a phrasing of 'meeting-place'" in text
    assert not database.exists() or read(database, lambda store: store.entry_changes(GUILD, "aegis-price")) == []
    draft = tmp_path / "draft.yaml"
    draft.write_text(ENTRY.replace("  - id: aegis-price\n", "  - id: aegis-price\n    draft: true\n"), encoding="utf-8")
    code, text = run("server", "entries", "--guild", str(GUILD), "--put", str(draft))
    assert code == 1 and "is a draft (draft: true), which no server serves" in text
    assert run("server", "entries", "--guild", str(GUILD), "--put", str(tmp_path / "missing.yaml"))[0] == 1


def test_a_text_is_brought_in_asked_and_removed(database, tmp_path, capsys):
    from pathlib import Path

    essay = tmp_path / "Bees of Britain.txt"
    essay.write_text((Path(__file__).parent.parent / "benchmarks/texts/bees.txt").read_text(encoding="utf-8"),
                     encoding="utf-8")
    code, text = run("server", "texts", "--guild", str(GUILD), "--add", str(essay))
    assert code == 0 and "as 'bees-of-britain' for server 5" in text
    assert "bees-of-britain:" in run("server", "texts", "--guild", str(GUILD))[1]
    assert "1992" in ask("when did the varroa mite arrive in britain")
    # One text's id per server; the shared texts stay whatever is asked.
    assert run("server", "texts", "--guild", str(GUILD), "--add", str(essay), "--id", "kaczmarski-2018")[0] == 1
    assert run("server", "texts", "--guild", str(GUILD), "--remove", "kaczmarski-2018")[0] == 1
    # The same text again under another id would be two texts no label tells apart.
    assert run("server", "texts", "--guild", str(GUILD), "--add", str(essay), "--id", "bees-again")[0] == 1
    told = capsys.readouterr().err
    assert "serves this text already, as 'bees-of-britain'" in told and "--remove bees-of-britain" in told
    assert "bees-again" not in run("server", "texts", "--guild", str(GUILD))[1]
    cites = tmp_path / "bees.yaml"
    cites.write_text("source: bees-of-britain\nentries:\n  - id: varroa-year\n    questions:\n"
                     "      - When did the varroa mite reach Britain?\n      - varroa arrival year\n"
                     "      - first year of varroa in the uk\n    answer: In 1992.\n    cite:\n      - passage: 4\n"
                     "        quote: \"a parasite that arrived in Britain in 1992\"\n", encoding="utf-8")
    assert run("server", "entries", "--guild", str(GUILD), "--put", str(cites))[0] == 0
    assert run("server", "settings", "--guild", str(GUILD), "--texts", "bees-of-britain,kaczmarski-2018",
               "--bind", "700=bees-of-britain")[0] == 0
    code, text = run("server", "texts", "--guild", str(GUILD), "--remove", "bees-of-britain")
    assert code == 0 and "1992" not in ask("when did the varroa mite arrive in britain")
    assert "The 1 entry citing it is kept, unserved, and serves again if it is brought in again." in text
    # What pointed at it goes with it: the channel bound to it, and its place among the chosen texts.
    assert "Channel 700 no longer asks it" in text and "no longer among the texts the server chose" in text
    settings = run("server", "settings", "--guild", str(GUILD))[1]
    assert "bees-of-britain" not in settings and "channel 700" not in settings
    listed = run("server", "entries", "--guild", str(GUILD))[1]
    assert "1 kept, unserved" in listed and "kept    varroa-year" in listed
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert run("server", "texts", "--guild", str(GUILD), "--add", str(tmp_path / "notes.pdf"))[0] == 1
