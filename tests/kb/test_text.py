import pytest

from bot.kb.text import Vocabulary, clean_question, fold, quote_key, words


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
    ],
)
def test_words_spell_out_symbols_numbers_and_names(text, expected):
    assert words(text) == expected


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


def test_synonyms_fold_every_name_to_one_term_and_prefer_longest_phrase():
    vocab = Vocabulary((("Northern Territories", "South Kuril Islands", "Kurils"), ("Russia", "the Kremlin")))
    assert vocab.terms("the South Kuril Islands") == vocab.terms("Northern Territories") == vocab.terms("kurils")
    assert vocab.terms("What does the Kremlin want?") == vocab.terms("what does russia want")


def test_word_forms_meet():
    vocab = Vocabulary()
    assert vocab.terms("investments") == vocab.terms("invested") == vocab.terms("investing")
