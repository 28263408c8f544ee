"""Citebot: a study group's questions answered from a curated knowledge base, with citations."""

import os as _os

# The engine multiplies small matrices (a question against a few thousand phrasings, MiniLM on a
# sentence): one BLAS thread is as fast, and never spins against the event loop or other processes
# on a small machine. Set before numpy loads; an environment that sets them keeps its own.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_name, "1")
