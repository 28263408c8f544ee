import pytest

from bot.kb.text import Vocabulary, clean_question, fold, quote_key, sentences, substantive, without_chat, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shinzō Abe", "shinzo abe"),
        ("Äldre forskare", "aldre forskare"),
        ("‘charm offensive’", "'charm offensive'"),
        ("Yamal–LNG", "yamal-lng"),
    ],
)
def test_fold_removes_case_accents_and_typography(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("78%", ["78", "percent"]),
        ("seventy-eight percent", ["78", "percent"]),
        ("Yamal-LNG", ["yamal", "lng"]),
        ("US$ 200 million", ["united", "states", "dollars", "200", "million"]),
        ("tell us more", ["tell", "us", "more"]),
        ("the US alliance", ["the", "united", "states", "alliance"]),
        ("Abe's agenda", ["abe", "agenda"]),
        ("won't", ["will", "not"]),
        ("didnt", ["did", "not"]),
        ("wont", ["will", "not"]),
        ("cant", ["can", "not"]),
        ("they want", ["they", "want"]),
        ("10,000 people", ["10000", "people"]),
        ("during ww1", ["during", "first", "world", "war"]),  # as the text says it
        ("after WWII", ["after", "second", "world", "war"]),
    ],
)
def test_words_spell_out_symbols_numbers_and_names(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(("text", "not_said"), [
    ("A Japanese poll, on the other hand, showed 57%.", "hand"),
    ("Cholera, for example, spread by water.", "example"),
    ("In other words, the pump was the source.", "words"),
])
def test_phrases_that_link_sentences_are_no_words_of_the_topic(text, not_said):
    assert not_said not in words(text)


def test_a_word_of_a_linking_phrase_is_still_a_word_elsewhere():
    assert "hand" in words("who did the handing over of the hand pump")
    assert "course" in words("the course of the river")


def test_quote_key_unifies_quotes_and_spacing_but_keeps_case():
    assert quote_key("Abe’s  ‘charm\noffensive’") == "Abe's 'charm offensive'"
    assert quote_key("Abe") != quote_key("abe")


@pytest.mark.parametrize(
    "text",
    ["<@123456789> where?", "@everyone where?", "**where?**", "where\x00\x07", "<#42> where?", "where\u200b?"],
)
def test_clean_question_drops_mentions_markdown_and_control_characters(text):
    assert clean_question(text).replace(" ", "") in {"where?", "where"}
    assert clean_question(text).startswith("where")


@pytest.mark.parametrize(("typed", "meant"), [
    ("wait so how old was fleming", "so how old was fleming"), ("Wait, who won?", "who won?"),
    ("hold on what year was it", "what year was it"),
    # Not where waiting is what is asked of, or all there is.
    ("how long did they wait", "how long did they wait"), ("wait", "wait"), ("waiting for news", "waiting for news"),
])
def test_a_wait_opening_a_question_is_no_part_of_it(typed, meant):
    assert clean_question(typed) == meant


def test_synonyms_fold_every_name_to_one_term_and_prefer_longest_phrase():
    vocab = Vocabulary((("Northern Territories", "South Kuril Islands", "Kurils"), ("Russia", "the Kremlin")))
    assert vocab.terms("the South Kuril Islands") == vocab.terms("Northern Territories") == vocab.terms("kurils")
    assert vocab.terms("What does the Kremlin want?") == vocab.terms("what does russia want")


def test_word_forms_meet():
    vocab = Vocabulary()
    assert vocab.terms("investments") == vocab.terms("invested") == vocab.terms("investing")
    assert vocab.terms("founded") == vocab.terms("founder") == vocab.terms("foundation")
    assert vocab.terms("found") != vocab.terms("founded")  # the past of "find" is not "founded"


@pytest.mark.parametrize(("british", "american"), [
    ("tyres", "tires"), ("the harbour's colour", "the harbor's color"), ("organised labour", "organized labor"),
    ("a defence programme", "a defense program"), ("analysed", "analyzed"),
])
def test_british_and_american_spellings_meet(british, american):
    vocab = Vocabulary()
    assert vocab.terms(british) == vocab.terms(american)


def test_a_spelling_fold_keeps_the_forms_a_word_shares_with_its_family():
    vocab = Vocabulary()  # "analyses" is the plural of "analysis" before it is the British "analyzes"
    assert vocab.terms("analyses") == vocab.terms("analysis")
    assert vocab.terms("defence") == vocab.terms("defend")
    # Folded to British, "capitalizes on" stays apart from "the capital", as "capitalises on" was.
    assert vocab.terms("capitalizes") == vocab.terms("capitalises") != vocab.terms("capital")


def test_words_are_remembered_while_a_knowledge_base_is_built_and_forgotten_after():
    from bot.kb import text

    with text.remembering_words():
        first = text.words("Japan's 78% said no")
        first.append("changed")  # a caller's own copy: what is remembered stays as read
        assert text.words("Japan's 78% said no") == ["japan", "78", "percent", "said", "no"]
        with text.remembering_words():  # a second build under way shares the memory
            assert ("Japan's 78% said no" in text._remembered) and text._remembered_terms is not None
        assert text._remembered is not None  # the first build is still going
    assert text._remembered is None and text._remembered_terms is None


def test_known_terms_are_the_same_remembered_or_not():
    from bot.kb import text

    vocabulary = text.Vocabulary((("Northern Territories", "South Kuril Islands"),))
    question = "Who holds the South Kuril Islands since 1945?"
    plain = vocabulary.known_terms(question)
    with text.remembering_words():
        assert vocabulary.known_terms(question) == plain == vocabulary.known_terms(question)
        other = text.Vocabulary()  # another vocabulary never reads what this one remembered
        assert other.known_terms(question) != plain


@pytest.mark.parametrize(("text", "split"), [
    ("The mould came from below, where C. J. La Touche grew moulds. It was 1928.",
     ["The mould came from below, where C. J. La Touche grew moulds.", "It was 1928."]),
    ("He met Dr. Snow at St. Luke's. Then he left.", ["He met Dr. Snow at St. Luke's.", "Then he left."]),
    ("Federalist No. 10 argues for a republic. Madison wrote it.",
     ["Federalist No. 10 argues for a republic.", "Madison wrote it."]),
    ("It was the U.S. Army. Then it ended.", ["It was the U.S. Army.", "Then it ended."]),
    ("In 1854. The pump! Was it? Yes.", ["In 1854.", "The pump!", "Was it?", "Yes."]),
])
def test_a_sentence_does_not_end_at_an_initial_or_an_abbreviation(text, split):
    assert sentences(text) == split


@pytest.mark.parametrize(("text", "kept"), [
    ("In May 1847 Semmelweis ordered everyone to wash", ["may", "1847", "semmelweis", "ordered", "everyone", "wash"]),
    ("on 1 may the fleet sailed", ["1", "may", "fleet", "sailed"]),
    ("the treaty may be signed", ["treaty", "signed"]),  # the verb stays a stopword
])
def test_may_beside_a_number_is_the_month(text, kept):
    assert substantive(words(text)) == kept


def test_a_question_on_may_finds_the_sentence_dated_may_not_the_one_of_the_same_year():
    vocab = Vocabulary(())
    assert "may" in vocab.terms("What did Semmelweis introduce in May 1847?")
    assert "may" in vocab.terms("In May 1847 Semmelweis ordered everyone entering the clinic to wash their hands.")
    assert "may" not in vocab.terms("Hebra published notices in 1847 and 1848; he may have helped.")


@pytest.mark.parametrize(("question", "read"), [
    ("ngl why did basically nobody care when the canal opened lol", "why did nobody care when the canal opened"),
    ("yo, who won the lawsuit?", "who won the lawsuit?"),
    ("what was it like", "what was it like"),  # "like" may be the question itself
    ("lol", "lol"),  # nothing else: read as it is
])
def test_a_question_is_read_for_its_meaning_without_chat_fillers(question, read):
    assert without_chat(question) == read
