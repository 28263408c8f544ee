from pathlib import Path

import pytest

from bot.kb import Engine, KnowledgeError, check_knowledge, load_knowledge
from tests.conftest import SMALL_ENTRIES, SMALL_SOURCE, write_knowledge


def problems_of(root: Path) -> list[str]:
    _, problems = check_knowledge(root)
    return [str(p) for p in problems]


def test_small_folder_loads_with_passages_numbered_in_reading_order(small_dir):
    kb = load_knowledge(small_dir)
    source = kb.sources["tiny"]
    assert [p.number for p in source.passages] == [1, 2, 3]
    assert source.passages[1].text == "Engineers built a new weir in 2019 to hold the water back."
    assert source.headings == ("Summary",)
    assert source.passages[0].heading == "Summary"
    assert source.role == "Lecturer"
    assert {e.id for e in kb.entries} == {"weir-built", "river-floods"}


@pytest.mark.parametrize(
    ("entries", "line", "says"),
    [
        (SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: In 2019: a year"), 8, "not valid YAML"),
        (SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: In 2019.\n    colour: blue"), 9,
         "unknown key 'colour'"),
        (SMALL_ENTRIES.replace("- passage: 2", "- passage: 7"), 10, "cites passage 7, but 'tiny' has 3"),
        (SMALL_ENTRIES.replace("quote: Engineers built a new weir in 2019", "quote: Engineers built a dam"), 11,
         "the quote is not in passage 2"),
        (SMALL_ENTRIES.replace("id: river-floods", "id: weir-built"), 12, "the entry id 'weir-built' is used twice"),
        (SMALL_ENTRIES.replace("      - Which season brings the floods?\n", ""), 13, "has 2 phrasing(s)"),
        (SMALL_ENTRIES.replace("      - Wensum flooding season", "      - Year of the new weir"), 15,
         "is also a phrasing of 'weir-built'"),
        (SMALL_ENTRIES.replace("  - id: river-floods", "  - idd: river-floods"), 12,
         "unknown key 'idd' in an entry"),
        (SMALL_ENTRIES.replace("  - id: river-floods", "  - idd: river-floods"), 12, "the 'id:' line is missing"),
        (SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: In 2019.\n    acept: ['2019']"), 9,
         "unknown key 'acept' in an entry (did you mean 'accept'?"),
        (SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: 2019"), 8, "reads the answer 2019 as a number"),
        (SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: 2019"), 8, 'in quotes: answer: "2019"'),
        (SMALL_ENTRIES.replace("    answer: Every spring.", "    answer: yes"), 17, "as a yes/no value"),
        (SMALL_ENTRIES.replace("    answer: Every spring.", "    answer: yes"), 17, 'in quotes: answer: "Yes."'),
        (SMALL_ENTRIES.replace("    answer: Every spring.", "    answer: Every spring.\n    draft: maybe"), 18,
         "'draft' is 'maybe', not true or false"),
        (SMALL_ENTRIES.replace("    answer: Every spring.", "    answer: Every spring.\n    draft: 1"), 18,
         "'draft' is 1, not true or false"),
        (SMALL_ENTRIES.replace("""    questions:
      - When does the river flood?
      - Wensum flooding season
      - Which season brings the floods?""", "    questions: When does the river flood, which season floods?"), 13,
         "'questions' is one text, not a list"),
        (SMALL_ENTRIES.replace("    answer: Every spring.", "    answer: Every spring.\n    related:\n"
                               "      - weir-bilt"), 19, "related to the unknown entry 'weir-bilt'"),
        ("entries:\n\t- id: x\n", 2, "replace the tab on this line with spaces"),
    ],
)
def test_each_broken_entry_is_named_with_file_line_and_fix(tmp_path, entries, line, says):
    root = write_knowledge(tmp_path / "k", entries=entries)
    found = [p for p in problems_of(root) if says in p]
    assert found, problems_of(root)
    assert f"{Path('k/entries/tiny.yaml')}:{line}: error:" in found[0]
    assert "(" in found[0]  # every error says what to do about it


def test_quote_found_in_another_passage_says_where_it_is_now(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("- passage: 2", "- passage: 3"))
    [problem] = [p for p in problems_of(root) if "the quote is in passage 2 now" in p]
    # On the line to change, the passage number's, as fix-citations reports it.
    assert f"{Path('k/entries/tiny.yaml')}:10:" in problem


def test_quotes_compare_after_normalising_typographic_quotes_and_spaces(tmp_path):
    source = SMALL_SOURCE.replace("Engineers built", "Engineers’ crews built")
    entries = SMALL_ENTRIES.replace("quote: Engineers built a new weir in 2019", "quote: \"Engineers'   crews built\"")
    root = write_knowledge(tmp_path / "k", source=source, entries=entries)
    assert load_knowledge(root).entry("weir-built") is not None


def test_every_problem_is_reported_at_once(tmp_path):
    entries = SMALL_ENTRIES.replace("- passage: 2", "- passage: 9")
    entries = entries.replace("quote: floods every spring", "quote: never")
    root = write_knowledge(tmp_path / "k", entries=entries)
    errors = [p for p in problems_of(root) if ": error:" in p]
    assert len(errors) == 2


def test_load_raises_a_domain_error_not_a_yaml_traceback(tmp_path):
    root = write_knowledge(tmp_path / "k", entries="entries: [unclosed")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    assert "tiny.yaml:2: error: this is not valid YAML" in str(caught.value)


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("The text with no front matter.\n", "starts with front matter"),
        ("---\nid: tiny\ntitle: T\n", "never closed"),
        ("---\nid: tiny\ntitle: T\n---\n\nText.\n", "needs an 'author'"),
        ("---\nid: Tiny Text\ntitle: T\nauthor: A\n---\n\nText.\n", "not a plain id"),
    ],
)
def test_broken_source_files_are_named(tmp_path, source, says):
    root = write_knowledge(tmp_path / "k", source=source)
    assert any(says in p and "tiny.md" in p for p in problems_of(root)), problems_of(root)


def test_synonym_name_in_two_groups_is_an_error(tmp_path):
    root = write_knowledge(tmp_path / "k", synonyms="groups:\n  - [river, stream]\n  - [brook, stream]\n")
    assert any("'stream' is in two synonym groups" in p and "synonyms.yaml:3" in p for p in problems_of(root))


def test_confusable_phrasings_are_a_warning_not_an_error(tmp_path):
    entries = SMALL_ENTRIES.replace("      - Wensum flooding season",
                                    "      - In which year did engineers build the weir, Ann?")
    root = write_knowledge(tmp_path / "k", entries=entries)
    kb, problems = check_knowledge(root)
    assert kb is not None
    assert any(p.severity == "warning" and "may confuse them" in p.message for p in problems)


def test_a_figure_the_answer_states_but_no_quote_shows_is_a_warning(tmp_path):
    source = SMALL_SOURCE.replace("Engineers built a new weir in 2019 to hold the water back.",
                                  "Engineers built a new weir in 2019. It holds back 40% of the water.")
    entries = SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: In 2019; it holds back 40% of the water.")
    kb, problems = check_knowledge(write_knowledge(tmp_path / "k", source=source, entries=entries))
    assert kb is not None  # served: a warning, not an error
    warned = [p for p in problems if "40%" in p.message]
    assert [p.severity for p in warned] == ["warning"] and "weir-built" in warned[0].message
    assert not [p for p in problems if "2019" in p.message]  # a year may date what the quote says
    quoted = entries.replace("        quote: Engineers built a new weir in 2019\n",
                             "        quote: Engineers built a new weir in 2019\n"
                             "      - passage: 2\n        quote: It holds back 40% of the water\n")
    _, problems = check_knowledge(write_knowledge(tmp_path / "q", source=source, entries=quoted))
    assert not [p for p in problems if "40%" in p.message]


@pytest.mark.parametrize(("answer", "warned"), [
    ("In 2018.", "2018"),  # the text was edited to 2019, the answer was not: no part of the text says 2018
    ("In 2019; it is 75 feet high.", "75"),  # a figure its passage does not hold: mistyped or invented
    ("In 2019; it is 19 feet high.", "19"),  # "19" is no whole figure of "2019"
    ("In 2019; it is 2½ feet high.", "2½"),  # named whole, not as "2"
])
def test_a_figure_or_year_no_cited_passage_says_is_a_warning(tmp_path, answer, warned):
    entries = SMALL_ENTRIES.replace("    answer: In 2019.", f"    answer: {answer}")
    kb, problems = check_knowledge(write_knowledge(tmp_path / "k", entries=entries))
    assert kb is not None  # served: a warning, not an error
    found = [p for p in problems if "none of its cited passages says" in p.message]
    assert [p.severity for p in found] == ["warning"]
    assert warned in found[0].message and "weir-built" in found[0].message


def test_a_year_said_elsewhere_in_the_text_may_date_an_answer(tmp_path):
    # "The 2016 poll": the year is in the passage before, or the text's date line.
    source = SMALL_SOURCE.replace("The river Wensum floods every spring.", "The river Wensum floods every spring, "
                                  "as it did in 2016.")
    entries = SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: In 2019, three years after the 2016 floods.")
    _, problems = check_knowledge(write_knowledge(tmp_path / "k", source=source, entries=entries))
    assert not [p for p in problems if "none of its cited passages says" in p.message]


def test_a_phrasing_that_keeps_only_one_name_is_a_warning(tmp_path):
    entries = SMALL_ENTRIES.replace("      - Year of the new weir\n",
                                    "      - what was up with the dam\n      - What is the weir?\n      - dam\n")
    kb, problems = check_knowledge(write_knowledge(tmp_path / "k", entries=entries,
                                                   synonyms="groups:\n  - [weir, dam]\n"))
    assert kb is not None
    warned = [p for p in problems if "keeps only a name" in p.message]
    assert [p.severity for p in warned] == ["warning"] and "what was up with the dam" in warned[0].message
    # What or who it is, and a bare keyword, are fine: they ask of the name itself.


def test_an_entry_with_a_bad_answer_is_still_checked_against_the_others_in_the_same_run(tmp_path):
    entries = SMALL_ENTRIES.replace("    answer: In 2019.", "    answer: 2019").replace(
        "      - When does the river flood?", "      - When was the weir built?")
    _, problems = check_knowledge(write_knowledge(tmp_path / "k", entries=entries))
    said = " ".join(p.message for p in problems)
    assert "reads the answer 2019 as a number" in said and '"When was the weir built?" is also a phrasing' in said


def test_kb_drafts_note_is_a_warning_until_a_curator_removes_it(tmp_path):
    from bot.kb.draft import draft_files

    files = draft_files("# The Weir\n\nBy Ann Author\n\n" + "The river floods every spring and the weir holds it. " * 5,
                        "weir")
    root = tmp_path / "k"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    _, problems = check_knowledge(root)
    noted = [p for p in problems if "kb draft's note is still here" in p.message]
    assert [p.severity for p in noted] == ["warning"] and "'Ann Author'" in noted[0].message
    assert "'Ann Author' were guessed from the text; no date was found" in noted[0].message
    assert "None" not in noted[0].message
    assert "(" not in noted[0].fix  # printed in brackets itself
    source = root / "sources" / "weir.md"
    drafted = source.read_text()
    # A title and author given to `kb draft` were not guessed: the note, and the warning, name the date alone.
    source.write_text(drafted.replace("check the title, author and date", "check the date"))
    noted = [p.message for p in check_knowledge(root)[1] if "kb draft's note" in p.message]
    assert noted and noted[0].endswith("still here: no date was found") and "Ann Author" not in noted[0]
    source.write_text("\n".join(line for line in drafted.split("\n") if not line.startswith("notes:")))
    assert not [p for p in check_knowledge(root)[1] if "kb draft's note" in p.message]


def test_a_source_whose_id_is_not_its_file_name_says_so_where_it_is_cited(tmp_path):
    root = write_knowledge(tmp_path / "k", source=SMALL_SOURCE.replace("id: tiny", "id: tiny-2020"))
    _, problems = check_knowledge(root)
    named = [p for p in problems if "is not the file's name" in p.message]
    assert [p.severity for p in named] == ["warning"] and named[0].path.endswith("tiny.md")
    cited = [p for p in problems if "unknown source 'tiny'" in p.message]
    assert cited and "gives the id 'tiny-2020'" in cited[0].fix


def test_a_quiz_answer_that_only_repeats_its_question_is_a_warning(tmp_path):
    entries = SMALL_ENTRIES.replace("    answer: Every spring.\n",
                                    "    answer: Every spring.\n    accept: [river flood, spring]\n")
    kb, problems = check_knowledge(write_knowledge(tmp_path / "k", entries=entries))
    assert kb is not None
    warned = [p for p in problems if "accepts" in p.message]
    assert [p.severity for p in warned] == ["warning"]
    assert "'river flood'" in warned[0].message and "'spring'" not in warned[0].message
    # A choice offers its answers in its own words: "Spring or autumn?" may accept "spring".
    choice = entries.replace("      - When does the river flood?", "      - Does the river flood in spring or autumn?")
    _, problems = check_knowledge(write_knowledge(tmp_path / "c", entries=choice))
    assert not [p for p in problems if "accepts" in p.message]


def test_an_entry_with_a_bad_id_is_still_checked_against_the_others_in_the_same_run(tmp_path):
    entries = SMALL_ENTRIES + """\
  - id: Weir_Again
    questions:
      - When was the weir built?
      - weir again
      - the weir once more
    answer: In 2019.
    related: [river-flood]
    cite:
      - passage: 2
        quote: Engineers built a new weir in 2019
"""
    _, problems = check_knowledge(write_knowledge(tmp_path / "k", entries=entries))
    said = [p.message for p in problems if p.severity == "error"]
    assert any("'Weir_Again' is not a plain id" in m for m in said)
    assert any("is also a phrasing of 'weir-built'" in m for m in said)  # before, only after the id was fixed
    assert any("related to the unknown entry 'river-flood'" in m for m in said)


def test_missing_folder_says_how_to_choose_one(tmp_path):
    kb, problems = check_knowledge(tmp_path / "nowhere")
    assert kb is None and "CITEBOT_KNOWLEDGE" in str(problems[0])


def test_prompts_load_with_citations(tmp_path):
    prompts = "source: tiny\nprompts:\n  - id: weir-good\n    text: Was the weir worth it?\n    cite: [{passage: 3}]\n"
    kb = load_knowledge(write_knowledge(tmp_path / "k", prompts=prompts))
    assert kb.prompts[0].citations[0].passage == 3


def test_two_prompts_saying_the_same_are_an_error_naming_both_unless_one_is_a_draft(tmp_path):
    prompts = ("source: tiny\nprompts:\n  - id: weir-good\n    text: Was the weir worth it?\n    cite: [{passage: 3}]\n"
               "  - id: weir-again\n    text: \"was the weir   worth it\"\n    cite: [{passage: 2}]\n")
    problems = problems_of(write_knowledge(tmp_path / "k", prompts=prompts))
    [twice] = [p for p in problems if "says what prompt 'weir-good' says" in p]
    assert "prompts/tiny.yaml:7: error: prompt 'weir-again'" in twice and "tiny.yaml:3" in twice
    drafted = prompts.replace("    cite: [{passage: 2}]", "    cite: [{passage: 2}]\n    draft: true")
    assert load_knowledge(write_knowledge(tmp_path / "d", prompts=drafted)) is not None


def test_an_entry_without_a_usable_id_is_named_by_its_line_never_none(tmp_path):
    entries = SMALL_ENTRIES.replace("  - id: river-floods", "  - id: River_Floods").replace(
        "      - Which season brings the floods?\n", "").replace("- passage: 1", "- passage: 9")
    problems = problems_of(write_knowledge(tmp_path / "k", entries=entries))
    assert not [p for p in problems if "None" in p], problems
    assert any("the entry at line 12 has 2 phrasing(s)" in p for p in problems)
    assert any("the entry at line 12 cites passage 9" in p for p in problems)


def test_a_misspelt_source_at_the_top_of_a_file_is_one_error_on_its_line_with_the_likely_id(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("source: tiny", "source: tinny"))
    problems = problems_of(root)
    unknown = [p for p in problems if "unknown source 'tinny'" in p]
    assert len(unknown) == 1 and ":1:" in unknown[0] and "did you mean 'tiny'?" in unknown[0], problems


def test_a_cli_command_shows_the_first_errors_and_how_many_more(tmp_path, capsys):
    from bot.cli import main

    entries = SMALL_ENTRIES.replace("answer: In 2019.", "answer:").replace("- passage: 1", "- passage: 9")
    entries += "".join(f"  - id: extra-{n}\n    questions: [a]\n    answer: b\n" for n in range(4))
    root = write_knowledge(tmp_path / "k", entries=entries)
    assert main(["--knowledge", str(root), "ask", "when was the weir built"]) == 1
    said = capsys.readouterr().err
    assert said.count(": error: ") == 3 and "\u2026 and " in said
    assert f"run `citebot --knowledge {root} kb validate`" in said  # the folder in use, not the shipped one


def test_a_source_that_does_not_load_is_reported_once_by_what_cites_it(tmp_path):
    # One missing ':' in the front matter used to add an "unknown source" error per citation.
    root = write_knowledge(tmp_path / "k", source=SMALL_SOURCE.replace("title: A tiny text", "title A tiny text"))
    problems = problems_of(root)
    assert not [p for p in problems if "unknown source" in p], problems
    citing = [p for p in problems if "cites 'tiny', whose source file" in p]
    assert len(citing) == 1 and "did not load" in citing[0]
    assert any("sources/tiny.md" in p and "entries" not in p for p in problems)  # the cause, in its own file


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, 2, true, null, 1.5]\nc: &x {d: e}\nf: *x\n",
    "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n",  # a merge key
    "when: 2018-09-12\nlist:\n- !!str 12\n- !!int '7'\n",
    "", "# only a comment\n",
])
def test_yaml_is_read_as_safe_load_reads_it(text):
    import yaml

    from bot.kb.yamlfile import parse_yaml

    data, problems = parse_yaml(text, "x.yaml")
    assert data == yaml.safe_load(text) and not problems


def test_yaml_strings_and_keys_know_their_lines():
    from bot.kb.yamlfile import parse_yaml

    data, problems = parse_yaml("entries:\n  - id: one\n    questions:\n      - First?\n      - Second?\n"
                                "  - id: two\n    id: again\n", "x.yaml", first_line=3)
    first, second = data["entries"]
    assert [q.line for q in first["questions"]] == [6, 7] and first.line_of("questions") == 5
    assert (second.line, second.column_of("id")) == (8, 4)
    assert [(p.line, "twice" in p.message) for p in problems] == [(9, True)]


def test_an_alias_inside_itself_is_read_too():
    from bot.kb.yamlfile import parse_yaml

    data, _ = parse_yaml("&a [*a]\n", "x.yaml")
    assert data[0] is data


def test_a_draft_with_a_word_that_is_not_yes_or_no_is_never_served(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "    answer: Every spring.", "    answer: Every spring.\n    draft: 'yes'"))
    with pytest.raises(KnowledgeError, match="'draft' is 'yes', not true or false"):
        load_knowledge(root)


def test_a_broken_draft_is_a_warning_and_the_folder_still_serves_until_it_goes_live(tmp_path):
    # A curator part-way through a drafted entry (a quote not yet right) can still ask about the
    # rest; removing 'draft: true' makes the same problem an error again.
    broken = SMALL_ENTRIES.replace("quote: floods every spring", "quote: floods every autumn")
    root = write_knowledge(tmp_path / "k", entries=broken.replace(
        "    answer: Every spring.", "    answer: Every spring.\n    draft: true"))
    kb, problems = check_knowledge(root)
    assert kb is not None and Engine(kb).ask("when was the weir built").entry.id == "weir-built"
    [held] = [p for p in problems if "floods every autumn" in p.message]
    assert held.severity == "warning" and "in a draft" in held.message
    write_knowledge(root, entries=broken)
    kb, problems = check_knowledge(root)
    assert kb is None and any(p.severity == "error" and "floods every autumn" in p.message for p in problems)


def test_an_unknown_related_id_suggests_the_likely_one(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "    answer: Every spring.", "    answer: Every spring.\n    related: [weir-bilt]"))
    assert any("did you mean 'weir-built'?" in p for p in problems_of(root))


def test_a_number_as_an_id_is_told_to_be_quoted(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("id: river-floods", "id: 2016"))
    assert any("""'id: "2016"' (in quotes: YAML reads 2016 as a number)""" in p for p in problems_of(root))


def test_a_merge_key_with_keys_of_its_own_is_valid_yaml(tmp_path):
    from bot.kb.yamlfile import parse_yaml

    data, problems = parse_yaml("c: &c {passage: 6, quote: a}\nx:\n  <<: *c\n  quote: b\n", "x.yaml")
    assert data["x"] == {"passage": 6, "quote": "b"} and not problems
    _, problems = parse_yaml("c: &c {passage: 6}\nx:\n  <<: *c\n  quote: b\n  quote: c\n", "x.yaml")
    assert [(p.line, "'quote' appears twice" in p.message) for p in problems] == [(5, True)]


def test_entries_with_nothing_under_them_say_so_on_their_line(tmp_path):
    root = write_knowledge(tmp_path / "k")
    (root / "entries" / "more.yaml").write_text("source: tiny\n\nentries:\n", encoding="utf-8")
    (root / "entries" / "notes.yaml").write_text("# to do\n", encoding="utf-8")
    found = problems_of(root)
    assert any(f"{Path('k/entries/more.yaml')}:3: warning: 'entries:' has nothing under it" in p for p in found)
    assert any(f"{Path('k/entries/notes.yaml')}:1: warning: the file has nothing in it but comments" in p
               for p in found)


def test_phrasings_repeated_through_a_yaml_alias_are_one_error_on_the_entry(tmp_path):
    entries = SMALL_ENTRIES.replace("    questions:\n      - When was the weir built?",
                                    "    questions: &asked\n      - When was the weir built?")
    entries += "  - id: weir-again\n    questions: *asked\n    answer: In 2019.\n    cite:\n      - passage: 2\n"
    entries += "        quote: Engineers built a new weir in 2019\n"
    found = [p for p in problems_of(write_knowledge(tmp_path / "k", entries=entries)) if "weir-again" in p]
    assert len(found) == 1 and found[0].endswith(
        f"{Path('k/entries/tiny.yaml')}:21: error: 'weir-again' repeats the phrasings of "
        "'weir-built' (line 5) through a YAML alias (give each entry phrasings of its own)")


def test_a_phrasing_that_only_folds_into_another_is_not_called_the_same_words(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "      - Wensum flooding season", "      - Years of the new weirs"))
    assert any("\"Years of the new weirs\" reads, once synonyms and word endings are folded, as the phrasing of "
               "'weir-built' (\"Year of the new weir\"" in p for p in problems_of(root))


def test_a_phrasing_indented_too_far_is_said_to_run_into_the_one_above(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "      - Which season brings the floods?", "        - Which season brings the floods?"))
    found = [p for p in problems_of(root) if "run together" in p]
    assert len(found) == 1 and f"{Path('k/entries/tiny.yaml')}:15: warning:" in found[0]


def test_tags_written_with_commas_are_told_to_be_a_list(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "    answer: Every spring.", "    answer: Every spring.\n    tags: seasons, floods"))
    assert any("the tag \"seasons, floods\" holds a comma" in p and "tags: [seasons, floods]" in p
               for p in problems_of(root))


def test_an_unclosed_quote_is_named_on_its_own_line(tmp_path):
    entries = SMALL_ENTRIES.replace("    answer: In 2019.", '    answer: "In 2019.')
    root = write_knowledge(tmp_path / "k", entries=entries.replace("    answer: Every spring.",
                                                                   '    answer: "Every" spring'))
    found = [p for p in problems_of(root) if "not valid YAML" in p]
    assert len(found) == 1 and f"{Path('k/entries/tiny.yaml')}:8: error:" in found[0]
    assert "the quote opened on this line is never closed" in found[0]


def test_a_key_without_its_colon_is_named_on_its_own_line_with_the_fix(tmp_path):
    # YAML notices it on the line after, where the next key begins.
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace("    answer: In 2019.", "    answer In 2019."))
    found = [p for p in problems_of(root) if "not valid YAML" in p]
    assert len(found) == 1 and f"{Path('k/entries/tiny.yaml')}:8: error:" in found[0]
    assert "no ':' after its key" in found[0] and "'answer: ...'" in found[0]


def test_a_quote_with_a_word_changed_is_shown_the_passages_own_words(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "quote: Engineers built a new weir in 2019", "quote: Engineers made a new weir in 2019"))
    found = [p for p in problems_of(root) if "the quote is not in passage 2" in p]
    assert len(found) == 1 and "\u201cEngineers built a new weir in 2019\u201d" in found[0]


def test_a_quote_far_from_every_passage_is_shown_none(tmp_path):
    root = write_knowledge(tmp_path / "k", entries=SMALL_ENTRIES.replace(
        "quote: Engineers built a new weir in 2019", "quote: the mayor opened a museum"))
    found = [p for p in problems_of(root) if "the quote is not in passage 2" in p]
    assert len(found) == 1 and "in no passage of the text now" in found[0]
