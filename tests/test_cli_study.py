import asyncio
import io
import json
import sys

import pytest
import yaml

from bot.store import SERVED_KNOWLEDGE, Store
from tests.conftest import write_knowledge
from tests.test_cli import run


def fill(path, action):
    async def go():
        async with Store(path) as store:
            return await action(store)
    return asyncio.run(go())


def test_prompts_need_a_database_only_for_a_server(database):
    code, text = run("prompts", "next")
    assert code == 0 and text.startswith("charm-offensive-worth-it:")
    assert run("prompts", "next", "--guild", "1")[0] == 1  # no database yet: a clear error


def test_prompts_list_next_and_export_use_the_servers_history(database):
    async def act(store):
        await store.record_post(1, "charm-offensive-worth-it", 5, 6)
        await store.add_custom_prompt(1, "Is Aegis Ashore worth the cost?", "kaczmarski-2018", 11, 42)

    fill(database, act)
    # The server's own prompt comes next: approved, it waited behind all eighteen shipped ones.
    code, text = run("prompts", "next", "--guild", "1")
    assert code == 0 and text.startswith("custom-1: Is Aegis Ashore worth the cost?")
    fill(database, lambda store: store.record_post(1, "custom-1", 5, 7))
    code, text = run("prompts", "next", "--guild", "1")
    assert code == 0 and text.startswith("precondition-or-flexibility:")  # then the first shipped one not used
    code, text = run("prompts", "list", "--guild", "1")
    assert "used 1x" in text and "custom-1" in text
    code, text = run("prompts", "export", "--guild", "1")
    [prompt] = yaml.safe_load(text)["prompts"]
    assert {k: prompt[k] for k in ("id", "text")} == {"id": "server-1-1", "text": "Is Aegis Ashore worth the cost?"}
    [cite] = prompt["cite"]
    assert (cite["source"], cite["passage"]) == ("kaczmarski-2018", 11) and "draft" not in prompt
    from bot.config import default_knowledge_dir
    from bot.kb import load_knowledge
    from bot.kb.text import quote_key

    passages = load_knowledge(default_knowledge_dir()).sources["kaczmarski-2018"].passages
    assert cite["quote"] and [quote_key(cite["quote"]) in quote_key(p.text) for p in passages].count(True) == 1
    assert quote_key(cite["quote"]) in quote_key(passages[10].text)


def test_exported_prompts_are_renumbered_with_the_entries_after_a_source_edit(database, tmp_path):
    """The export's quotes let fix-citations follow a prompt's passage when paragraphs are inserted."""
    root = tmp_path / "knowledge"
    assert run("kb", "init", str(root))[0] == 0

    async def act(store):
        await store.add_custom_prompt(1, "Is Aegis Ashore worth the cost?", "kaczmarski-2018", 11, 42)

    fill(database, act)
    code, text = run("--knowledge", str(root), "prompts", "export", "--guild", "1",
                     "--out", str(root / "prompts" / "server-1.yaml"))
    assert code == 0
    assert run("--knowledge", str(root), "kb", "validate")[0] == 0
    source = root / "sources" / "kaczmarski-2018.md"
    head, _, body = source.read_text(encoding="utf-8").partition("\n\n")
    inserted = "A new opening paragraph, added by the curator after the prompt was suggested.\n\n"
    source.write_text(f"{head}\n\n{inserted}{body}", encoding="utf-8")
    code, text = run("--knowledge", str(root), "kb", "fix-citations", "--yes")
    assert "server-1-1" in text
    assert yaml.safe_load((root / "prompts" / "server-1.yaml").read_text())["prompts"][0]["cite"][0]["passage"] == 12
    assert run("--knowledge", str(root), "kb", "validate")[0] == 0


def test_fix_citations_renumbers_the_servers_entries_prompts_and_suggestions_in_the_database(database,
                                                                                           tmp_path):
    root = tmp_path / "knowledge"
    assert run("kb", "init", str(root))[0] == 0

    async def act(store):
        await store.add_custom_prompt(1, "Is Aegis Ashore worth the cost?", "kaczmarski-2018", 11, 42)
        await store.add_custom_prompt(2, "Another server's, on passage 12", "kaczmarski-2018", 12, 43)
        await store.add_suggestion(1, 44, "Does the Levada poll settle it?", "kaczmarski-2018", 12)
        record = {"id": "own-levada", "source": "kaczmarski-2018", "questions": ["What did Levada find?"],
                  "answer": "78% were against.", "cite": [{"source": "kaczmarski-2018", "passage": 12,
                                                           "quote": "78% of Russian respondents"}]}
        await store.change_entry(1, "own-levada", {"entry": record, "retired": False}, user_id=45, action="add")

    fill(database, act)
    source = root / "sources" / "kaczmarski-2018.md"
    head, _, body = source.read_text(encoding="utf-8").partition("\n\n")
    source.write_text(f"{head}\n\nA new opening paragraph.\n\n{body}", encoding="utf-8")
    code, preview = run("--knowledge", str(root), "kb", "fix-citations")  # no terminal to consent: nothing changes
    for said in ("server 1: its entry own-levada cites kaczmarski-2018 passage 12, now passage 13",
                 "server 1: its prompt custom-1 cites kaczmarski-2018 passage 11, now passage 12",
                 "server 2: its prompt custom-1 cites kaczmarski-2018 passage 12, now passage 13",
                 "server 1: its suggestion #1 cites kaczmarski-2018 passage 12, now passage 13"):
        assert said in preview
    code, text = run("--knowledge", str(root), "kb", "fix-citations", "--yes")
    assert code == 0 and "Renumbered 4 citation(s) of servers' own entries, prompts and suggestions" in text

    async def passages(store):
        prompts = [p.citations[0].passage for guild in (1, 2) for p in await store.custom_prompts(guild)]
        own = (await store.entry_state(1, "own-levada"))["entry"]["cite"][0]["passage"]
        return prompts, [s.passage for s in await store.suggestions(1)], own

    from tests.test_cli_server import read
    assert read(database, passages) == ([12, 13], [13], 13)
    # The server's entry is served with its renumbered citation, its quote in that passage.
    answered = json.loads(run("--knowledge", str(root), "ask", "--guild", "1", "--json", "What did Levada find?")[1])
    assert answered["entry"] == "own-levada" and answered["citations"][0]["passage"] == 13


def test_terminal_quiz_checks_answers_and_counts(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n\nq\n"))
    code, text = run("quiz", "--seed", "1")
    assert code == 0 and text.count("Q: ") == 3 and "0 of 2 right." in text and "The answer:" in text


def test_a_quiz_stopped_before_any_answer_says_so(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # the input ends at once
    code, text = run("quiz", "--seed", "1")
    assert code == 0 and "No question answered." in text and "0 of 0" not in text


def test_a_quiz_longer_than_its_entries_says_some_come_round_again(monkeypatch, tmp_path):
    root = write_knowledge(tmp_path / "k")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 30))
    code, text = run("--knowledge", str(root), "quiz", "--count", "5", "--seed", "1")
    assert code == 0 and text.count("Q: ") == 5 and "some come round again" in text
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 30))
    assert "come round again" not in run("--knowledge", str(root), "quiz", "--count", "1", "--seed", "1")[1]


def test_an_untold_quiz_is_no_longer_than_the_questions_there_are(monkeypatch, tmp_path):
    root = write_knowledge(tmp_path / "k")  # fewer quizzable entries than a round of ten
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 30))
    code, text = run("--knowledge", str(root), "quiz", "--seed", "1")
    asked = text.count("Q: ")
    assert code == 0 and 0 < asked < 10 and f"Quiz of {asked} question" in text
    assert "come round again" not in text and len(set(text.split("Q: ")[1:])) == asked  # none twice


def test_a_terminal_quiz_is_a_round_of_ten_unless_told(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 30))  # giving up on every question
    code, text = run("quiz", "--seed", "1")
    assert code == 0 and text.count("Q: ") == 10 and "0 of 10 right." in text and "not kept" in text
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 30))
    code, text = run("quiz", "--seed", "1", "--count", "3")
    assert text.count("Q: ") == 3 and "Quiz of 3 questions" in text


def test_a_terminal_quiz_over_two_texts_names_the_text_of_each_passage(monkeypatch, tmp_path):
    import shutil
    import textwrap

    from bot.config import default_knowledge_dir
    from tests.conftest import SMALL_ENTRIES, SMALL_SOURCE

    root = tmp_path / "k"
    shutil.copytree(default_knowledge_dir(), root)
    (root / "sources" / "tiny.md").write_text(textwrap.dedent(SMALL_SOURCE), encoding="utf-8")
    (root / "entries" / "tiny.yaml").write_text(textwrap.dedent(SMALL_ENTRIES), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 30))
    code, text = run("--knowledge", str(root), "quiz", "--seed", "1")
    cited = [line for line in text.splitlines() if line.startswith("  [")]
    assert code == 0 and cited and all(" \u00a7" in line.split("]")[0] for line in cited), cited


@pytest.mark.parametrize("seed", range(1, 6))
def test_a_terminal_quiz_asks_no_question_twice_until_it_has_asked_them_all(monkeypatch, seed):
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 30))  # every question missed: each would come back first
    asked = [line for line in run("quiz", "--seed", str(seed))[1].splitlines() if line.startswith("Q: ")]
    assert len(asked) == 10 and len(set(asked)) == 10, asked


def test_kb_gaps_before_any_bot_ran_says_nothing_is_logged_yet(database):
    code, text = run("kb", "gaps")
    assert code == 0 and text.startswith("No questions logged yet: no database at")
    assert "and with citebot ask --guild ID --log" in text
    assert not database.exists()  # looking creates no database
    assert run("kb", "gaps", "--dismiss", "1")[0] == 1


def test_a_quiz_on_a_text_whose_entries_are_all_drafts_says_so(tmp_path, capsys):
    from tests.conftest import SMALL_ENTRIES, write_knowledge

    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("  - id: ", "  - draft: true\n    id: "))
    code, text = run("--knowledge", str(root), "quiz")
    assert code == 1 and "Quiz:" not in text
    assert "entries are all drafts; remove 'draft: true'" in capsys.readouterr().err


def test_no_prompt_to_post_says_that_drafted_ones_wait(tmp_path, capsys):
    from tests.conftest import write_knowledge

    root = write_knowledge(tmp_path / "k", prompts="source: tiny\nprompts:\n  - id: p\n    draft: true\n"
                           "    text: Why does the river flood?\n    cite: [{passage: 1}]\n")
    code, _ = run("--knowledge", str(root), "prompts", "next")
    said = capsys.readouterr().err
    assert code == 1 and "no prompts" in said and "drafted ones wait for a curator" in said


def test_an_empty_queue_and_an_empty_leaderboard_say_so(database):
    fill(database, lambda store: store.settings(1))  # a database the bot made, with nothing logged
    code, text = run("kb", "gaps", "--guild", "1")
    assert code == 0 and text.startswith("The queue is empty: no question logged in server 1 was declined")
    code, text = run("kb", "gaps", "--guild", "1", "--dismiss", "1")  # nothing to dismiss is a failed command
    assert code == 1 and not text
    code, text = run("quiz", "--leaderboard", "--guild", "1")
    assert code == 0 and text == "No quiz answers recorded in server 1 yet.\n"


def test_kb_gaps_from_the_database_writes_yaml(database, tmp_path):
    async def act(store):
        for question in ("what is japan's gdp", "what is the gdp of japan", "how many troops on the kurils",
                         "which big sporting event did abe get a vip seat at"):
            await store.log_question(guild_id=1, channel_id=2, question=question, kind="none", entry_id=None,
                                     confidence=0.2)

    fill(database, act)
    out = tmp_path / "gaps.yaml"
    code, text = run("kb", "gaps", "--out", str(out))
    assert code == 0 and text.startswith("#1    2x") and "gdp" in text.splitlines()[0] and "new entry" in text
    # Without --guild, every server's questions are read against the shared knowledge, and it says so.
    assert "Every server's questions, read against the shared knowledge" in text
    assert "Every server's" not in run("kb", "gaps", "--guild", "1")[1]
    # The text never speaks of GDP, only of Japan, as all its passages do: listed, not drafted.
    assert "no passage speaks of it" in text.splitlines()[0]
    data = yaml.safe_load(out.read_text())
    assert data["entries"][0]["draft"] is True
    assert any(line.startswith("# Not drafted") and "gdp of japan" in line for line in out.read_text().splitlines())
    # A phrasing only for the entry that answers it: Sochi's; the entry on more troops gives no count.
    assert data["add_phrasings"] == {"sochi-olympics": ["which big sporting event did abe get a vip seat at"]}
    assert "how many troops on the kurils" in [q for e in data["entries"] for q in e["questions"]]
    # A file there already may be a curator's edited copy: replaced only with --force.
    out.write_text("# my edits\n", encoding="utf-8")
    assert run("kb", "gaps", "--out", str(out))[0] == 1 and out.read_text() == "# my edits\n"
    assert run("kb", "gaps", "--out", str(out), "--force")[0] == 0 and "entries" in out.read_text()


def test_kb_gaps_of_every_server_says_where_each_was_asked(database):
    async def act(store):
        for guild, question in ((1, "what is japan's gdp"), (2, "what is the gdp of japan"),
                                (2, "how many submarines does japan have"), (None, "who won the 2018 world cup")):
            await store.log_question(guild_id=guild, channel_id=2, question=question, kind="none", entry_id=None,
                                     confidence=0.2)

    fill(database, act)
    lines = run("kb", "gaps")[1].splitlines()
    said = {line.split("'")[1]: line.rsplit("[", 1)[-1] for line in lines if line[:2] in {f"#{n}" for n in range(10)}}
    assert said == {"what is the gdp of japan": "servers 1, 2]", "how many submarines does japan have": "server 2]",
                    "who won the 2018 world cup": "direct messages]"}
    assert "[server" not in run("kb", "gaps", "--guild", "2")[1]  # one server's queue is that server's alone
    number = next(line.split()[0][1:] for line in lines if "submarines" in line)
    assert "(asked in server 2)" in run("kb", "gaps", "--dismiss", number)[1]


def test_kb_gaps_says_how_many_it_leaves_out_as_answered_now(database):
    async def act(store):
        for question in ("what is japan's gdp", "where did abe meet putin"):  # the second is answered well now
            await store.log_question(guild_id=1, channel_id=2, question=question, kind="none", entry_id=None,
                                     confidence=0.2)

    fill(database, act)
    code, text = run("kb", "gaps")
    assert code == 0 and "gdp" in text.splitlines()[0]
    assert "Left out: 1 logged question(s)" in text and "'where did abe meet putin'" in text


def test_kb_coverage_lists_passages_without_entries_or_prompts(tmp_path):
    from tests.conftest import write_knowledge

    root = write_knowledge(tmp_path / "k", prompts="source: tiny\nprompts:\n  - id: p\n    text: Why?\n"
                                                   "    cite: [{passage: 1}]\n")
    _, text = run("--knowledge", str(root), "kb", "coverage")
    assert "with no entry and no prompt: 3" in text and "with no prompt: 2, 3" in text


def test_a_leaderboard_without_a_server_is_a_usage_error(capsys):
    from bot.cli import main

    assert main(["quiz", "--leaderboard"]) == 2
    assert "--leaderboard needs --guild ID" in capsys.readouterr().err


def test_kb_gaps_names_the_entry_whose_answer_was_voted_down(database):
    async def act(store):
        asked = await store.log_question(guild_id=1, channel_id=2, question="Where did Abe meet Putin?",
                                         kind="curated", entry_id="meeting-place", confidence=0.9)
        await store.record_feedback(asked, 10, -1)

    fill(database, act)
    code, text = run("kb", "gaps")
    assert code == 0
    assert "'Where did Abe meet Putin?'" in text.splitlines()[0]
    assert "1 thumbs down on the answer from 'meeting-place')" in text.splitlines()[0]


def test_fix_citations_on_a_copy_leaves_the_database_of_the_folder_the_bot_serves_alone(database, tmp_path):
    # A curator tries an edit out in a copy of the folder: its passages moved, the served ones did not.
    served, copy = tmp_path / "knowledge", tmp_path / "scratch"
    assert run("kb", "init", str(served))[0] == 0 and run("kb", "init", str(copy))[0] == 0
    record = {"id": "own-levada", "source": "kaczmarski-2018", "questions": ["What did Levada find?"],
              "answer": "78% were against.", "cite": [{"source": "kaczmarski-2018", "passage": 12,
                                                       "quote": "78% of Russian respondents"}]}

    async def act(store):
        await store.change_entry(1, "own-levada", {"entry": record, "retired": False}, user_id=45, action="add")
        await store.set_meta(SERVED_KNOWLEDGE, str(served.resolve()))  # as the running bot notes it

    fill(database, act)
    source = copy / "sources" / "kaczmarski-2018.md"
    head, _, body = source.read_text(encoding="utf-8").partition("\n\n")
    source.write_text(f"{head}\n\nA new opening paragraph.\n\n{body}", encoding="utf-8")
    code, text = run("--knowledge", str(copy), "kb", "fix-citations", "--yes")
    assert code == 0 and f"The bot's database serves {served.resolve()}, not this folder" in text
    assert "server entries" not in text.split("not this folder")[0]

    async def cited(store):
        return (await store.entry_state(1, "own-levada"))["entry"]["cite"][0]["passage"]

    from tests.test_cli_server import read
    assert read(database, cited) == 12


def test_a_servers_gaps_are_read_against_its_own_texts_too(database, tmp_path):
    # A question on the server's own text points at that text's passage, not at the shared one's.
    from pathlib import Path

    essay = tmp_path / "bees.txt"
    essay.write_text((Path(__file__).parent.parent / "benchmarks/texts/bees.txt").read_text(encoding="utf-8"),
                     encoding="utf-8")
    assert run("server", "texts", "--guild", "1", "--add", str(essay))[0] == 0

    async def act(store):
        await store.log_question(guild_id=1, channel_id=2, question="which viruses does the varroa mite spread",
                                 kind="none", entry_id=None, confidence=0.1)

    fill(database, act)
    code, text = run("kb", "gaps", "--guild", "1")
    assert code == 0 and "varroa" in text.splitlines()[0] and "new entry, passages" in text.splitlines()[0]
    assert "bees" in text.splitlines()[0].split("passages", 1)[1].lower() or "Honeybees" in text.splitlines()[0]


def test_ask_as_in_a_servers_channel_answers_from_its_bound_text_and_logs_as_discord_does(database, tmp_path):
    from pathlib import Path

    essay = tmp_path / "bees.txt"
    essay.write_text((Path(__file__).parent.parent / "benchmarks/texts/bees.txt").read_text(encoding="utf-8"),
                     encoding="utf-8")
    assert run("server", "texts", "--guild", "1", "--add", str(essay))[0] == 0
    bees = "bees"  # the id it is given, from the file's name
    assert run("server", "settings", "--guild", "1", "--bind", f"555={bees}")[0] == 0
    # In the bound channel, a question on no text in particular is that text's; elsewhere it asks which.
    bound = json.loads(run("ask", "--guild", "1", "--channel", "555", "--json", "what is this text about")[1])
    assert bound["kind"] != "none" and {c["source"] for c in bound["citations"]} == {bees}
    assert json.loads(run("ask", "--guild", "1", "--json", "what is this text about")[1])["reason"] == "which-text"
    # Logged only when asked to: then a question the bot cannot answer joins the server's queue.
    assert run("ask", "--guild", "1", "how tall is the queen bee")[0] == 0
    assert run("kb", "gaps", "--guild", "1")[1].startswith("The queue is empty")
    assert run("ask", "--guild", "1", "--channel", "555", "--log", "how tall is the queen bee")[0] == 0
    assert "queen bee" in run("kb", "gaps", "--guild", "1")[1].splitlines()[0]
    assert run("ask", "--log", "where did abe meet putin")[0] == 2  # a log is a server's: --guild is needed


def test_a_prompt_posted_by_hand_is_recorded_and_a_members_suggestion_queued_from_the_terminal(database, capsys):
    fill(database, lambda store: store.settings(1))
    first = run("prompts", "next", "--guild", "1", "--posted", "--channel", "9")[1].split(":")[0]
    second = run("prompts", "next", "--guild", "1")[1].split(":")[0]
    assert first == "charm-offensive-worth-it" and second != first  # recorded: the next one comes next
    assert "used 1x" in run("prompts", "list", "--guild", "1")[1].split(first, 1)[1].splitlines()[0]
    assert run("prompts", "next", "--posted")[0] == 2  # a post is a server's
    # A suggestion is vetted as /prompt suggest vets it, then waits for a moderator.
    code, text = run("prompts", "suggest", "--guild", "1", "--user", "42", "--passage", "3",
                     "Would two islands be enough for the Japanese public?")
    assert code == 0 and "Suggestion #1 waits for a moderator" in text
    assert run("prompts", "suggest", "--guild", "1", "--user", "42", "too short")[0] == 1
    assert "#1 by user 42 (kaczmarski-2018, passage 3)" in run("server", "suggestions", "--guild", "1")[1]
    assert run("server", "suggestions", "--guild", "1", "--approve", "1")[0] == 0
    assert "Would two islands be enough" in run("prompts", "list", "--guild", "1")[1]
    # Turned down, the same suggestion does not come straight back from another member.
    idea = "Should the members of the group discuss Aegis Ashore next week?"
    assert run("prompts", "suggest", "--guild", "1", "--user", "42", idea)[0] == 0
    assert run("server", "suggestions", "--guild", "1", "--reject", "2")[0] == 0
    capsys.readouterr()
    assert run("prompts", "suggest", "--guild", "1", "--user", "43", idea.lower())[0] == 1
    assert "turned down" in capsys.readouterr().err
    # Deciding it again, or a number never given, says which it is.
    assert run("server", "suggestions", "--guild", "1", "--approve", "2")[0] == 1
    assert "Suggestion #2 was already rejected" in capsys.readouterr().err
    assert run("server", "suggestions", "--guild", "1", "--reject", "9")[0] == 1
    assert "There is no suggestion #9 in server 1" in capsys.readouterr().err
    # A prompt with no passage says so; passage 0 (the text's title and author) is none to suggest on.
    other = "What would a compromise on the islands look like for both sides?"
    assert run("prompts", "suggest", "--guild", "1", "--user", "44", other)[0] == 0
    assert run("server", "suggestions", "--guild", "1", "--approve", "3")[0] == 0
    assert f"[not used; no passage]\n  {other}" in run("prompts", "list", "--guild", "1")[1]
    with pytest.raises(SystemExit) as usage:
        run("prompts", "suggest", "--guild", "1", "--user", "44", "--passage", "0", idea)
    assert usage.value.code == 2 and "passages are numbered from 1" in capsys.readouterr().err


def test_a_chosen_prompt_is_recorded_as_posted_from_the_terminal(database, capsys):
    fill(database, lambda store: store.settings(1))
    first = run("prompts", "next", "--guild", "1")[1].split(":")[0]
    code, text = run("prompts", "post", "--guild", "1", "--channel", "9", first)
    assert code == 0 and text.startswith(f"{first}: ") and "Recorded as posted in server 1:" in text
    assert run("prompts", "next", "--guild", "1")[1].split(":")[0] != first
    assert f"{first}  [used 1x" in run("prompts", "list", "--guild", "1")[1]
    assert f"{first}  [not used" in run("prompts", "list", "--guild", "2")[1]  # another server's history is its own
    capsys.readouterr()
    assert run("prompts", "post", "--guild", "1", first[:-1] + "x")[0] == 1
    assert f"Did you mean {first}?" in capsys.readouterr().err


def test_a_servers_own_prompt_is_removed_and_once_promoted_is_not_listed_twice(database, tmp_path):
    async def act(store):
        await store.add_custom_prompt(1, "Is Aegis Ashore worth the cost?", "kaczmarski-2018", 11, 42)
        await store.add_custom_prompt(1, "Does the Levada poll settle it?", "kaczmarski-2018", 12, 43)
        await store.add_custom_prompt(2, "Another server's prompt, on passage 12", "kaczmarski-2018", 12, 44)

    fill(database, act)
    # Exported and copied into the knowledge, a server's prompt is that prompt, not a second one.
    root = tmp_path / "knowledge"
    assert run("kb", "init", str(root))[0] == 0
    exported = root / "prompts" / "server-1.yaml"
    assert run("prompts", "export", "--guild", "1", "--out", str(exported))[0] == 0
    listed = run("--knowledge", str(root), "prompts", "list", "--guild", "1")[1]
    assert listed.count("Is Aegis Ashore worth the cost?") == 1 and "server-1-1" in listed
    # Removed: gone from that server alone, and only from its own prompts.
    code, text = run("prompts", "remove", "--guild", "1", "custom-1")
    assert code == 0 and "Removed 'custom-1'" in text and "Is Aegis Ashore" in text
    assert "custom-1" not in run("prompts", "list", "--guild", "1")[1]
    assert run("prompts", "remove", "--guild", "1", "custom-1")[0] == 1  # gone; server 2's custom-1 is its own
    assert run("prompts", "remove", "--guild", "1", "charm-offensive-worth-it")[0] == 1  # a shipped one
    assert "custom-1  [not used; passage 12]\n  Another server's prompt" in run("prompts", "list", "--guild", "2")[1]
    assert run("prompts", "export", "--guild", "5555")[0] == 1  # no prompts of its own: a typo, most likely


def test_a_servers_prompts_can_be_listed_for_a_text_it_brought_in(database, tmp_path):
    from pathlib import Path

    essay = tmp_path / "bees.txt"
    essay.write_text((Path(__file__).parent.parent / "benchmarks/texts/bees.txt").read_text(encoding="utf-8"),
                     encoding="utf-8")
    assert run("server", "texts", "--guild", "1", "--add", str(essay))[0] == 0
    fill(database, lambda store: store.add_custom_prompt(1, "Should every garden keep a hive?", "bees", 2, 42))
    # "no source 'bees'; the texts are: kaczmarski-2018": the server's own text was not among them.
    code, text = run("prompts", "list", "--guild", "1", "--source", "bees")
    assert code == 0 and "custom-1" in text and "Should every garden keep a hive?" in text
    assert run("prompts", "list", "--source", "bees")[0] == 1  # not a text of the shared knowledge


def test_a_quiz_for_a_server_asks_its_own_entries_too(database, tmp_path, monkeypatch):
    import io
    import sys

    entries = tmp_path / "mine.yaml"
    entries.write_text("source: kaczmarski-2018\nentries:\n  - id: own-aegis\n    questions:\n"
                       "      - Which missile shield is Japan adding, by its system's name?\n"
                       "      - name of japan's new missile shield system\n      - japan extra missile defence layer\n"
                       "    answer: Aegis Ashore.\n    accept: [Aegis Ashore]\n    cite:\n      - passage: 11\n"
                       "        quote: \"the Aegis Ashore system\"\n", encoding="utf-8")
    assert run("server", "entries", "--guild", "1", "--put", str(entries))[0] == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n" * 80))
    code, text = run("quiz", "--guild", "1", "--count", "76", "--seed", "3")
    assert code == 0 and "on server 1's knowledge" in text and "by its system's name" in text
    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    assert "Quiz of 1 question:" in run("quiz", "--count", "1")[1]


def test_a_quiz_taken_as_a_member_keeps_their_scores_as_quiz_does(database, monkeypatch, capsys):
    import io
    import sys

    fill(database, lambda store: store.settings(1))
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n\n"))  # two questions given up
    code, text = run("quiz", "--guild", "1", "--user", "42", "--count", "2", "--seed", "1")
    assert code == 0 and "Scores are kept for user 42" in text
    records = fill(database, lambda store: store.quiz_records(1, 42))
    assert len(records) == 2 and all(r.wrong == 1 and r.correct == 0 for r in records.values())
    assert run("quiz", "--leaderboard", "--guild", "1")[1] == "1. user 42: 0 right, 2 wrong\n"
    assert fill(database, lambda store: store.quiz_records(2, 42)) == {}  # another server's scores are its own
    capsys.readouterr()
    assert run("quiz", "--user", "42")[0] == 2
    assert "--user takes the quiz as a member of a server" in capsys.readouterr().err


def test_a_gap_dealt_with_is_dismissed_from_the_queue_and_kept_in_the_log(database):
    # One thumbs-down on a right answer stayed in the queue for good.
    async def act(store):
        asked = await store.log_question(guild_id=1, channel_id=2, question="Where did Abe meet Putin?",
                                         kind="curated", entry_id="meeting-place", confidence=0.9)
        await store.record_feedback(asked, 10, -1)
        for question in ("how many troops on the kurils", "how many troops on the kurils"):
            await store.log_question(guild_id=1, channel_id=2, question=question, kind="none", entry_id=None,
                                     confidence=0.1)
        await store.log_question(guild_id=2, channel_id=3, question="how many troops on the kurils", kind="none",
                                 entry_id=None, confidence=0.1)

    fill(database, act)
    code, text = run("kb", "gaps", "--guild", "1")
    # Each gap is numbered by its first logged question, the troops' the second asked.
    assert code == 0 and text.startswith("#2    2x  'how many troops on the kurils'") and "--dismiss N" in text
    assert "\n#1    1x  'Where did Abe meet Putin?'" in text

    async def more(store):  # asked after the curator listed the queue: the numbers stay
        for _ in range(3):
            await store.log_question(guild_id=1, channel_id=2, question="what is the population of vladivostok",
                                     kind="none", entry_id=None, confidence=0.1)

    fill(database, more)
    code, text = run("kb", "gaps", "--guild", "1", "--dismiss", "2")
    assert code == 0 and "'how many troops on the kurils'" in text and "2 logged question(s) left the queue" in text
    listed = run("kb", "gaps", "--guild", "1")[1]
    assert "troops" not in listed and "#1    1x  'Where did Abe meet Putin?'" in listed
    assert "troops" in run("kb", "gaps", "--guild", "2")[1]  # another server's stays in its queue
    from tests.test_cli_server import read

    assert read(database, lambda store: store.counts())["questions"] == 7  # nothing deleted
    assert run("kb", "gaps", "--guild", "1", "--dismiss", "7")[0] == 1
