"""The bars an answer clears, shared by every part of the answer policy (engine.py): a curated
entry, a "did you mean", the text's own sentence."""

# A curated entry answers when its score reaches this: most of the question's weight is
# explained by the entry and one of its phrasings says much the same thing.
ANSWER_MIN = 0.55
# Above this the best entry answers even if another is close behind: both explain the question.
CONFIDENT = 0.80
# Entries this good are worth offering as suggestions, even when none is good enough to answer.
SUGGEST_MIN = 0.40
# The text itself answers (kind "passage") when one sentence (or two) scores this much, words
# and meaning fused as for entries, and no other passage comes within PASSAGE_MARGIN of it.
PASSAGE_MIN = 0.80
PASSAGE_MARGIN = 0.10
# A text with no curated entries yet has only its passages to answer from, so they answer more
# readily. Measured on the shipped text with its entries removed: below 0.65 off-topic questions
# start to get passages; above it, questions the text plainly answers are declined. A curated
# text keeps PASSAGE_MIN: there, what the curators left out is mostly what the text does not say.
UNCURATED_PASSAGE_MIN = 0.65
# Rounding room when a ceiling is compared with a score computed another way.
SLACK = 1e-9
