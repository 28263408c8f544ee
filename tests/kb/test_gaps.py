import shutil

import yaml

from bot.config import default_knowledge_dir
from bot.kb import check_knowledge
from bot.kb.gaps import Asked, find_gaps, gaps_yaml

TROOPS = ["how many troops does russia have on the kurils", "How many Russian troops are on the Kuril islands?",
          "how many russian troops on kurils"]


def test_alike_questions_group_and_biggest_come_first(engine):
    asked = [Asked(q, "none", None, 0.2) for q in TROOPS] + [Asked("what is the japanese yen exchange rate",
                                                                   "none", None, 0.0)]
    gaps = find_gaps(asked, engine)
    assert [g.count for g in gaps] == [3, 1]
    assert "troops" in gaps[0].example.lower()
    assert gaps[0].passages and gaps[0].passages[0] == ("kaczmarski-2018", 9)


def test_questions_answered_well_now_are_left_out_unless_voted_down(engine):
    closed: list[Asked] = []
    assert find_gaps([Asked("where did abe meet putin", "none", None, 0.1)], engine, closed=closed) == []
    assert [a.question for a in closed] == ["where did abe meet putin"]
    down = find_gaps([Asked("where did abe meet putin", "curated", "meeting-place", 0.9, downvotes=1)], engine)
    assert down[0].downvotes == 1 and down[0].entry_id is None  # the entry answering was wrong for it


def test_a_voted_down_question_an_entry_lists_is_a_note_on_that_entry_not_a_duplicate_draft(engine):
    asked = [Asked("Where did Abe meet Putin?", "curated", "meeting-place", 0.9, downvotes=2),
             Asked("which town hosted the abe putin talks", "curated", "meeting-place", 0.8, downvotes=1)]
    text = gaps_yaml(find_gaps(asked, engine), engine)
    [draft] = yaml.safe_load(text)["entries"]
    # Listed in both, the draft would fail validation as a phrasing of meeting-place.
    assert "Where did Abe meet Putin?" not in draft["questions"]
    assert "which town hosted the abe putin talks" in draft["questions"]
    note = next(line for line in text.splitlines() if line.startswith(f"# {draft['id']}:"))
    assert "'meeting-place' answered: " in note and "Vladivostok" in note
    assert "move them from 'meeting-place' to this entry: ['Where did Abe meet Putin?']" in text


def test_small_talk_and_the_bots_own_view_are_not_gaps_unless_voted_down(engine):
    chat = [Asked(q, "none", None, 0.0) for q in ("thanks so much", "do you like putin", "is abe a good leader",
                                                   "$$$")]
    assert find_gaps(chat, engine) == []
    voted = find_gaps([Asked("do you like putin", "none", None, 0.0, downvotes=1)], engine)
    assert [g.example for g in voted] == ["do you like putin"]


def test_good_answers_are_not_gaps(engine):
    assert find_gaps([Asked("levada", "curated", "levada-poll", 0.95)], engine) == []


def test_yaml_suggests_a_phrasing_or_a_draft_entry_that_validates(engine, tmp_path):
    asked = [Asked("who counted russian opinions on the islands", "curated", "levada-poll", 0.5),
             Asked("what is the japanese yen exchange rate", "none", None, 0.0)]
    gaps = find_gaps(asked, engine)
    data = yaml.safe_load(gaps_yaml(gaps, engine))
    assert data["add_phrasings"] == {"levada-poll": ["who counted russian opinions on the islands"]}
    [draft] = data["entries"]
    assert draft["draft"] is True and draft["questions"][0] == "what is the japanese yen exchange rate"
    assert len(draft["questions"]) >= 3

    root = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), root)
    (root / "entries" / "gaps.yaml").write_text(
        yaml.safe_dump({"source": "kaczmarski-2018", "entries": data["entries"]}), encoding="utf-8")
    loaded, problems = check_knowledge(root)
    assert loaded is not None, [str(p) for p in problems]
    assert loaded.entry(draft["id"]).draft

    # Served before it was filled in, the draft is refused: its placeholder answer would be said.
    del draft["draft"]
    (root / "entries" / "gaps.yaml").write_text(
        yaml.safe_dump({"source": "kaczmarski-2018", "entries": [draft]}), encoding="utf-8")
    loaded, problems = check_knowledge(root)
    assert loaded is None and any("placeholder" in p.message and p.path.endswith("gaps.yaml") for p in problems)
    # Pasted whole, what kb gaps wrote says what to do with its list of phrasings.
    (root / "entries" / "gaps.yaml").write_text(yaml.safe_dump(
        {"source": "kaczmarski-2018", "add_phrasings": data["add_phrasings"], "entries": [draft]}), encoding="utf-8")
    _, pasted = check_knowledge(root)
    assert any("'add_phrasings' (from `citebot kb gaps`)" in p.message and "under 'questions:'" in p.fix
               for p in pasted)
    # Every placeholder is named at once, and the filler phrasings are no repeats of each other.
    [held] = [p.message for p in problems if "placeholder" in p.message]
    assert "3 placeholders" in held and "the fact, in plain words" in held
    assert not [p for p in problems if "twice" in p.message]


def test_a_suggested_phrasing_shows_the_answer_it_would_get(engine):
    gaps = find_gaps([Asked("who counted russian opinions on the islands", "curated", "levada-poll", 0.5)], engine)
    text = gaps_yaml(gaps, engine)
    answer = " ".join(engine.kb.entry("levada-poll").answer.split())
    assert f"  # levada-poll answers: {answer}\n  levada-poll:\n" in text


def test_a_question_about_another_text_is_never_offered_as_a_phrasing_here(tmp_path):
    from bot.kb import Engine, load_knowledge
    from tests.conftest import with_tiny_text

    engine = Engine(load_knowledge(with_tiny_text(tmp_path / "knowledge")))
    # The closest entry is the shipped text's, but the words are the tiny text's: a new entry there.
    question = "who built the weir and why did russia care"
    assert engine.rank(question, limit=1)[0][1].source == "kaczmarski-2018"
    [gap] = find_gaps([Asked(question, "none", None, 0.0)], engine)
    assert gap.entry_id is None
    assert gap.passages and all(source == "tiny" for source, _ in gap.passages)


def test_a_question_asked_in_a_channel_bound_to_one_text_is_a_gap_of_that_text(tmp_path):
    from bot.kb import Engine, load_knowledge
    from tests.conftest import with_tiny_text

    engine = Engine(load_knowledge(with_tiny_text(tmp_path / "knowledge")))
    # Asked anywhere, its words point at the shipped text; asked in the channel bound to the tiny
    # text, it was a question on that text, and its draft cites that text.
    question = "how did russia hold the water back"
    [anywhere] = find_gaps([Asked(question, "none", None, 0.0, logged=1, channel=5)], engine)
    assert any(source == "kaczmarski-2018" for source, _ in anywhere.passages)
    [bound] = find_gaps([Asked(question, "none", None, 0.0, logged=1, channel=5)], engine, bound={5: "tiny"})
    assert bound.passages and all(source == "tiny" for source, _ in bound.passages)


def test_a_question_no_passage_speaks_of_gets_no_passage_to_cite(engine):
    # "who won the 2018 world cup" met the text's date line (passage 0): its draft quoted the details.
    [gap] = find_gaps([Asked("who won the 2018 world cup", "none", None, 0.0)], engine)
    assert gap.entry_id is None and all(number > 0 for _, number in gap.passages)
    [china] = find_gaps([Asked("what role does china play", "none", None, 0.0)], engine)
    assert china.entry_id is None  # the nearest entries are on Trump and Putin, and do not name China


def test_a_draft_quotes_the_sentence_with_the_questions_rarest_word():
    from bot.kb.gaps import _overlap

    question = "rivet count?"
    counted = "At least 57 men died on the site, although a later study counted 73 deaths."
    rivets = "The bridge used some 54,000 tonnes of steel and about 6.5 million rivets."
    assert _overlap(rivets, question) > _overlap(counted, question) > 0  # "rivets" is "rivet", and rarer


def test_a_question_no_passage_speaks_of_is_named_not_drafted(engine):
    # A draft with no citation (or one on a passage about oil, for sourdough) helps no curator.
    asked = [Asked(q, "none", None, 0.0) for q in ("what is the capital of australia", "how do i bake sourdough bread",
                                                   "how many troops does russia have on the kurils")]
    gaps = find_gaps(asked, engine)
    assert {g.example: bool(g.passages) for g in gaps} == {"what is the capital of australia": False,
                                                          "how do i bake sourdough bread": False,
                                                          "how many troops does russia have on the kurils": True}
    text = gaps_yaml(gaps, engine)
    drafts = yaml.safe_load(text)["entries"]
    assert [d["questions"][0] for d in drafts] == ["how many troops does russia have on the kurils"]
    assert all(d["cite"] for d in drafts)
    assert "# Not drafted, no passage speaks of it" in text and "'how do i bake sourdough bread'" in text


def test_a_gap_is_offered_as_a_phrasing_only_of_the_entry_members_are_shown_for_it(engine):
    # "what is the capital of australia" was offered as a phrasing of "What is the RFE?", sharing only
    # "what is the", though the bot declined it and offered nothing.
    gaps = {g.example: g for g in find_gaps([Asked(q, "none", None, 0.0) for q in (
        "what is the capital of australia", "what does the author say about russian far east residents")], engine)}
    assert gaps["what is the capital of australia"].entry_id is None
    residents = gaps["what does the author say about russian far east residents"]
    offered = engine.ask(residents.example).suggestions
    assert residents.entry_id in (None, offered[0].entry_id if offered else None)


def test_questions_that_share_one_name_are_not_one_gap_and_a_count_is_no_phrasing_of_another(engine):
    # "where did abe meet putin" (voted down) and "what did putin say about the islands" shared only
    # Putin, yet made one group whose draft kept the second alone.
    asked = [Asked("where did abe meet putin", "curated", "meeting-place", 0.9, downvotes=1),
             Asked("what did putin say about the islands", "none", None, 0.2),
             Asked("how big are the islands", "none", None, 0.2),
             Asked("how many troops are on the islands", "none", None, 0.2)]
    gaps = find_gaps(asked, engine)
    assert sorted(g.count for g in gaps) == [1, 1, 1, 1]
    # "What is the population of the kuril islands?" counts people, not islets: no phrasing of four-islets.
    [population] = find_gaps([Asked("what is the population of the kuril islands?", "none", None, 0.2)], engine)
    assert population.entry_id != "four-islets"


def test_a_drafted_entry_is_named_by_the_gaps_own_number(engine):
    # Named by place in the list, "gap-1-..." was the gap `kb gaps` lists as #7: a curator reading the
    # file dismissed another.
    asked = [Asked("what is the japanese yen exchange rate", "none", None, 0.0, logged=7),
             Asked("how many troops does russia keep on the kurils", "none", None, 0.0, logged=3)]
    gaps = find_gaps(asked, engine)
    drafted = {e["id"].split("-")[1] for e in yaml.safe_load(gaps_yaml(gaps, engine))["entries"]}
    assert drafted == {str(g.number) for g in gaps if not g.entry_id} and drafted <= {"3", "7"} and drafted
