"""The brain: sources, passages, curated entries, matching and answers. Pure Python."""

from .engine import Engine
from .errors import KnowledgeError, Problem
from .loader import check_knowledge, load_knowledge
from .models import Answer, Citation, CitedPassage, Entry, KnowledgeBase, Passage, Prompt, Source, Suggestion

__all__ = [
    "Answer", "Citation", "CitedPassage", "Engine", "Entry", "KnowledgeBase", "KnowledgeError",
    "Passage", "Problem", "Prompt", "Source", "Suggestion", "check_knowledge", "load_knowledge",
]
