"""Every rendering limit, tested with oversized input: Discord must never reject what we send."""

import pytest

from bot import embeds, render
from bot.kb.models import Answer, CitedPassage, Passage, Source, Suggestion

HUGE = "word " * 5000  # 25,000 characters


def source_with(text: str) -> Source:
    passage = Passage("big", 1, text)
    return Source(id="big", title="T" * 400, author="A" * 300, passages=(passage,), role="R" * 200)


def check_limits(embed) -> None:
    assert len(embed) <= render.EMBED_TOTAL_LIMIT
    assert len(embed.title or "") <= render.EMBED_TITLE_LIMIT
    assert len(embed.description or "") <= render.EMBED_DESCRIPTION_LIMIT
    assert len(embed.fields) <= render.EMBED_FIELDS_MAX
    assert all(len(f.value) <= render.EMBED_FIELD_LIMIT and len(f.name) <= render.EMBED_FIELD_NAME_LIMIT
               for f in embed.fields)
    assert len(embed.footer.text or "") <= render.EMBED_FOOTER_LIMIT


@pytest.mark.parametrize("citations", [1, 5, 30])
def test_oversized_answers_fit_every_limit(citations):
    source = source_with(HUGE)
    cited = tuple(CitedPassage(Passage("big", n, HUGE), HUGE) for n in range(1, citations + 1))
    answer = Answer(HUGE, "curated", HUGE, 0.9, citations=cited)
    embed = embeds.answer_embed(answer, {"big": source})
    check_limits(embed)
    assert embed.fields[0].value.endswith("(whole passage: /passage 1)")
    assert embed.description.endswith(render.ELLIPSIS)


def test_long_passage_is_cut_cleanly_with_a_pointer():
    source = source_with(HUGE)
    embed = embeds.passage_embed(source.passages[0], source)
    check_limits(embed)
    assert "longer than Discord shows" in embed.description


def test_none_answer_names_related_passages():
    passage = Passage("big", 3, "text")
    answer = Answer("q", "none", "No answer.", 0.1, related=(passage,),
                    suggestions=(Suggestion("e", "Q?", 0.5),))
    embed = embeds.answer_embed(answer, {})
    assert any(f.name == "Related passages" and f.value.startswith("3") for f in embed.fields)


@pytest.mark.parametrize(("text", "limit"), [("a" * 5000, 2000), ("word " * 100, 50), ("short", 100), ("x" * 10, 3)])
def test_clip_never_exceeds_the_limit(text, limit):
    clipped = render.clip(text, limit, more=" (more)") if limit > 10 else render.clip(text, limit)
    assert len(clipped) <= limit
    if len(text) <= limit:
        assert clipped == text


def test_clip_cuts_at_a_word_boundary():
    assert render.clip("alpha beta gamma delta", 13) == "alpha beta…"


def test_a_search_hit_shows_where_the_passage_uses_the_word():
    text = "Opening words go on for a while here. " * 8 + "Then the contested islands appear. And more follows."
    shown = render.around(text, "contest", 120)
    assert shown.startswith("\u2026Then the contested islands") and len(shown) <= 120
    assert render.around("The islands are near.", "islands", 120) == "The islands are near."
    assert render.around(text, "xylophone", 60) == render.clip(text, 60)


def test_a_search_for_symbols_alone_asks_for_words():
    assert "has no words to look for" in render.search_miss("$$$")
    assert "too common to look for" in render.search_miss("the")


def test_message_is_cut_to_discord_limit():
    assert len(embeds.message("x" * 10_000)) == render.MESSAGE_LIMIT


@pytest.mark.parametrize(("count", "length"), [(1, 10), (3, 3500), (12, 400), (25, 4096)])
def test_embeds_are_packed_into_messages_within_discords_total(count, length):
    shown = [embeds.passage_embed(Passage("big", n, "w" * length), None) for n in range(1, count + 1)]
    messages = embeds.in_messages(shown)
    assert [e for batch in messages for e in batch] == shown  # all of them, in order
    assert all(sum(len(e) for e in batch) <= render.EMBED_TOTAL_LIMIT for batch in messages)
    assert all(len(batch) <= render.EMBEDS_PER_MESSAGE for batch in messages)
    assert len(messages) == (count if length > render.EMBED_TOTAL_LIMIT // 2 else -(-count // 10))


def test_embeds_fitted_together_share_one_total():
    together = embeds.fit_together([embeds.passage_embed(Passage("big", n, HUGE), None) for n in (1, 2)])
    assert sum(len(e) for e in together) <= render.EMBED_TOTAL_LIMIT
    assert all(e.description for e in together)


@pytest.mark.parametrize("where", ["passage 4", "A tiny text, passage 4",
                                   # two texts of one title are told apart by their ids, in brackets
                                   "The Great Fire of London, 1666 (dup-text), passage 4"])
def test_a_sentence_of_the_text_is_shown_once_as_its_citation(where):
    sentence = "The river Wensum floods every spring."
    passage = Passage("big", 4, sentence)
    answer = Answer("when does it flood", "passage",
                    f"No curated answer covers this, but the text itself says ({where}): \u201c{sentence}\u201d",
                    0.5, citations=(CitedPassage(passage, sentence),))
    sources = {"big": source_with(sentence)}
    shown = render.answer_text(answer, sources)
    assert shown.count(sentence) == 1 and shown.startswith("No curated answer covers this, but the text itself says:")
    embed = embeds.answer_embed(answer, sources)
    assert sentence not in embed.description and sentence in embed.fields[0].value
    # A quote too long for the citation is read in full in the answer.
    long = Answer(answer.question, "passage", f"... says: \u201c{HUGE}\u201d", 0.5,
                  citations=(CitedPassage(passage, HUGE),))
    assert render.lead(long) == long.text


@pytest.mark.parametrize(("confidence", "said"), [(0.55, "fairly sure"), (0.3, "not very sure")])
def test_a_passage_answers_footer_says_whose_words_and_how_sure(confidence, said):
    passage = Passage("big", 1, "The weir was rebuilt in concrete in 1952.")
    source = Source(id="big", title="The weir", author="Ann Author", passages=(passage,))
    answer = Answer("when was the weir rebuilt", "passage", "The text itself says ...", confidence,
                    citations=(CitedPassage(passage, passage.text),))
    footer = embeds.answer_embed(answer, {"big": source}).footer.text
    assert footer.endswith(f"from the text itself, not a curated answer; {said}"), footer
