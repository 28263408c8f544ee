"""The terminal sees a server's own knowledge: ask, passage, search, kb export and kb promote with --guild."""

import json
import shutil

import yaml

from bot.config import default_knowledge_dir
from bot.kb.exchange import entry_record
from bot.kb.models import Citation, Entry
from bot.kb.overlay import Retired, stored
from tests.test_cli import run
from tests.test_cli_study import fill

SOURCE = "kaczmarski-2018"
QUESTION = "Which island chain did Japan want back from Russia?"
ESSAY_SOURCE = ("---\nid: ashford-weir\ntitle: The Weir of Ashford\nauthor: Miriam Holt\n---\n\n"
                "The weir at Ashford was built in 1791 to power the corn mill beside the river.\n\n"
                "In 1952 the weir was rebuilt in concrete after a winter flood tore away the old stones.\n")


def entry(passage_text: str) -> Entry:
    return Entry("kurils-claim", SOURCE, (QUESTION, "the islands japan claims from russia",
                                          "What territory do Japan and Russia dispute?"),
                 "The southern Kuril Islands.", (Citation(SOURCE, 1, " ".join(passage_text.split()[:8])),))


def store_guild(database, *, retire: str | None = None):
    from bot.kb.loader import load_knowledge

    kb = load_knowledge(default_knowledge_dir())
    made = entry(kb.passage(SOURCE, 1).text)

    async def act(store):
        await store.change_entry(7, made.id, stored(made), user_id=1, action="add")
        await store.save_text(7, "ashford-weir", ESSAY_SOURCE, user_id=1)
        if retire:
            await store.change_entry(7, retire, stored(Retired(kb.entry(retire))), user_id=1, action="retire")

    fill(database, act)
    return made


def test_ask_with_a_guild_answers_with_its_entries_and_texts(database):
    store_guild(database)
    code, text = run("ask", "--json", "--guild", "7", QUESTION)
    assert code == 0 and json.loads(text)["entry"] == "kurils-claim"
    code, text = run("ask", "--json", "--guild", "7", "When was the weir rebuilt in concrete?")
    assert "1952" in json.loads(text)["answer"]
    code, text = run("ask", "--json", "--guild", "8", QUESTION)  # another server: none of it
    assert json.loads(text)["entry"] != "kurils-claim"
    code, text = run("ask", "--json", QUESTION)
    assert json.loads(text)["entry"] != "kurils-claim"


def test_passage_and_search_with_a_guild_read_its_own_texts(database):
    store_guild(database)
    code, text = run("passage", "2", "--source", "ashford-weir", "--guild", "7")
    assert code == 0 and "rebuilt in concrete" in text
    code, text = run("search", "weir", "concrete", "--guild", "7")
    assert code == 0 and "rebuilt in concrete" in text
    # Another server, or none, has no such text: it is that server's alone.
    code, _ = run("passage", "2", "--source", "ashford-weir", "--guild", "8")
    assert code == 1
    assert "rebuilt in concrete" not in run("search", "weir", "concrete")[1]


def test_export_with_a_guild_gives_only_that_servers_entries(database):
    made = store_guild(database)
    code, text = run("kb", "export", "--guild", "7", "--format", "json")
    assert code == 0
    assert json.loads(text) == [entry_record(made)]
    assert json.loads(run("kb", "export", "--guild", "8", "--format", "json")[1]) == []


def test_promote_writes_files_that_validate(database, tmp_path, capsys):
    store_guild(database, retire="meeting-place")
    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    code, text = run("--knowledge", str(root), "kb", "promote", "--guild", "7")
    assert code == 0, text
    assert "wrote" in text and "not promoted: the shared entry 'meeting-place' is retired" in text
    # Its own copies stand before the folder's in that server: said, with how to take them out.
    assert "server 7 still serves its own copies of them" in text and "--undo N" in text
    promoted = yaml.safe_load((root / "entries/guild-7.yaml").read_text())
    assert [e["id"] for e in promoted["entries"]] == ["kurils-claim"]
    assert (root / "sources/ashford-weir.md").exists()
    code, text = run("--knowledge", str(root), "kb", "validate")
    assert code == 0, text
    code, text = run("--knowledge", str(root), "ask", "--json", QUESTION)
    assert json.loads(text)["entry"] == "kurils-claim"
    again = run("--knowledge", str(root), "kb", "promote", "--guild", "7")
    assert again[0] == 1 and "already exist" in capsys.readouterr().err


def test_ask_with_a_guild_before_the_bot_ever_ran_answers_from_the_shared_knowledge(database, capsys):
    assert not database.exists()
    code, text = run("ask", "--json", "--guild", "7", "Where did Abe meet Putin?")
    assert code == 0 and json.loads(text)["entry"] == "meeting-place"  # stdout is still one JSON object
    note = capsys.readouterr().err
    assert f"no database at {database}" in note and "answers from the shared knowledge" in note
    assert not database.exists()  # asking creates no database
    code, _ = run("kb", "export", "--guild", "7")  # exporting a server's own work still needs it
    assert code == 1 and "no database at" in capsys.readouterr().err


def test_a_new_version_of_a_servers_text_that_breaks_its_entries_citations_is_refused(database, tmp_path, capsys):
    store_guild(database)
    rebuilt = Entry("weir-rebuilt", "ashford-weir", ("When was the weir rebuilt?", "weir rebuilt year",
                                                     "what year did the weir get redone in concrete"),
                    "In 1952.", (Citation("ashford-weir", 2, "In 1952 the weir was rebuilt in concrete"),))
    fill(database, lambda store: store.change_entry(7, rebuilt.id, stored(rebuilt), user_id=1, action="add"))
    more = ("\nThe mill closed in 1968, and the weir now feeds a small turbine that lights the village hall "
            "and the church, and keeps the water deep enough for the rowing club upstream.\n")
    # The first paragraph dropped: the entry's words move from passage 2 to passage 1.
    shorter = tmp_path / "ashford-weir.md"
    shorter.write_text(ESSAY_SOURCE.replace("The weir at Ashford was built in 1791 to power the corn mill beside "
                                            "the river.\n\n", "") + more, encoding="utf-8")
    capsys.readouterr()
    code, text = run("server", "texts", "--guild", "7", "--add", str(shorter))
    said = capsys.readouterr().err
    assert code == 1 and not text and "'weir-rebuilt' cites passage 2" in said and "now in passage 1" in said
    code, text = run("passage", "2", "--source", "ashford-weir", "--guild", "7")
    assert code == 0 and "rebuilt in concrete" in text  # the old version still serves
    # The same words where they were: a new version that keeps them is taken, and says it replaces.
    longer = tmp_path / "v3" / "ashford-weir.md"
    longer.parent.mkdir()
    longer.write_text(ESSAY_SOURCE + more, encoding="utf-8")
    code, text = run("server", "texts", "--guild", "7", "--add", str(longer))
    assert code == 0 and "replaces the old one" in text and "3 passages" in text


def test_a_prompt_on_a_servers_own_text_is_approved_and_exported_with_its_quote(database, capsys):
    store_guild(database)
    code, _ = run("prompts", "suggest", "--guild", "7", "--user", "5", "--passage", "2",
                  "Was rebuilding the weir in concrete the right call?")
    assert code == 2 and "which text is it on?" in capsys.readouterr().err  # the server reads two texts
    assert run("prompts", "suggest", "--guild", "7", "--user", "5", "--source", "ashford-weir", "--passage", "2",
               "Was rebuilding the weir in concrete the right call?")[0] == 0
    assert "(ashford-weir, passage 2)" in run("server", "suggestions", "--guild", "7")[1]
    code, text = run("server", "suggestions", "--guild", "7", "--approve", "1")
    # Before, the server's own text was unknown here: "it cites passage 2 of 'ashford-weir', which the
    # knowledge does not have", and the export had no quote to renumber it by.
    assert code == 0 and "does not have" not in text
    code, text = run("prompts", "export", "--guild", "7")
    [prompt] = yaml.safe_load(text)["prompts"]
    assert prompt["cite"] == [{"source": "ashford-weir", "passage": 2, "quote": prompt["cite"][0]["quote"]}]
    assert prompt["cite"][0]["quote"].startswith("In 1952 the weir") and "draft" not in prompt


def test_chat_with_a_guild_asks_as_its_members_do(database, monkeypatch):
    import io
    import sys

    store_guild(database)
    fill(database, lambda store: store.bind_channel(7, 900, "ashford-weir"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("When was the weir rebuilt in concrete?\nwho wrote this text?\n"))
    code, text = run("chat", "--guild", "7", "--channel", "900")
    assert code == 0 and "1952" in text and "Miriam Holt" in text  # the bound text's, not "which text?"
    monkeypatch.setattr(sys, "stdin", io.StringIO("When was the weir rebuilt in concrete?\n"))
    code, text = run("chat", "--guild", "8")  # another server: none of it
    assert code == 0 and "1952" not in text
