"""Multinomial logistic regression in numpy, with temperature calibration.

Trained full-batch with Adam and L2; deterministic for a given input. Serialised as plain
numbers (base64 little-endian floats inside JSON): no pickle, nothing executable.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from indexing.classify.features import _b64, _unb64


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class SoftmaxModel:
    def __init__(self, W: np.ndarray, b: np.ndarray, temperature: float = 1.0):
        self.W = W.astype(np.float32)
        self.b = b.astype(np.float32)
        self.temperature = float(temperature)

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, n_classes: int, *, sample_weight: np.ndarray | None = None,
            l2: float = 1e-4, iterations: int = 300, lr: float = 0.05) -> "SoftmaxModel":
        n, d = X.shape
        Xs = sparse.csr_matrix(X, dtype=np.float32)  # TF-IDF rows are >95% zeros
        XsT = Xs.T.tocsr()
        W = np.zeros((d, n_classes), dtype=np.float32)
        b = np.zeros(n_classes, dtype=np.float32)
        Y = np.zeros((n, n_classes), dtype=np.float32)
        Y[np.arange(n), y] = 1.0
        sw = (sample_weight if sample_weight is not None else np.ones(n)).astype(np.float32)
        sw = sw / sw.sum()
        mW, vW = np.zeros_like(W), np.zeros_like(W)
        mb, vb = np.zeros_like(b), np.zeros_like(b)
        b1, b2, eps = 0.9, 0.999, 1e-8
        for t in range(1, iterations + 1):
            P = softmax(Xs @ W + b)
            G = (P - Y) * sw[:, None]
            gW = XsT @ G + l2 * W
            gb = G.sum(axis=0)
            mW = b1 * mW + (1 - b1) * gW
            vW = b2 * vW + (1 - b2) * gW * gW
            mb = b1 * mb + (1 - b1) * gb
            vb = b2 * vb + (1 - b2) * gb * gb
            c1, c2 = 1 - b1**t, 1 - b2**t
            W -= lr * (mW / c1) / (np.sqrt(vW / c2) + eps)
            b -= lr * (mb / c1) / (np.sqrt(vb / c2) + eps)
        return cls(W, b)

    def logits(self, X: np.ndarray) -> np.ndarray:
        if X.ndim == 2 and X.shape[0] > 1:
            return np.asarray(sparse.csr_matrix(X) @ self.W) + self.b
        return X @ self.W + self.b

    def proba(self, X: np.ndarray) -> np.ndarray:
        return softmax(self.logits(X) / self.temperature)

    def calibrate(self, X: np.ndarray, y: np.ndarray) -> float:
        """Temperature minimising the negative log-likelihood on held-out (X, y)."""
        z = self.logits(X)
        best_t, best_nll = 1.0, float("inf")
        for t in np.exp(np.linspace(np.log(0.05), np.log(20.0), 121)):
            p = softmax(z / t)
            nll = -float(np.mean(np.log(p[np.arange(len(y)), y] + 1e-12)))
            if nll < best_nll:
                best_t, best_nll = float(t), nll
        self.temperature = best_t
        return best_t

    def to_dict(self) -> dict:
        return {"shape": list(self.W.shape), "W": _b64(self.W, "<f2"), "b": [float(v) for v in self.b],
                "temperature": self.temperature}

    @classmethod
    def from_dict(cls, d: dict) -> "SoftmaxModel":
        shape = (int(d["shape"][0]), int(d["shape"][1]))
        return cls(_unb64(d["W"], "<f2", shape), np.asarray(d["b"], dtype=np.float32), float(d["temperature"]))
