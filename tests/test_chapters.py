"""Structure of the chapters: required sections, and math imported from softmax_lab."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parents[1] / "book"

# Chapter file -> headings (any level, matched case-insensitively as substrings) it must have.
# Every chapter also needs "Key points" and "Try it".
REQUIRED_HEADINGS: dict[str, list[str]] = {
    "ch01_classification.ipynb": [
        "how much", "Hard and soft assignments", "2×2 grayscale images", "one-hot",
        "ordinal",
    ],
    "ch02_network_architecture.ipynb": [
        "affine function per class", "as a matrix", "fully connected network", "by hand",
    ],
    "ch03_parameterization_cost.ipynb": [
        "cost of full connectivity", "Kronecker products", "PHM layer", "depends on $n$",
        "PHM against dense",
    ],
    "ch04_softmax.ipynb": [
        "not probabilities", "exponentiate, then normalise", "Temperature", "overflow",
        "Calibration", "Temperature scaling",
    ],
    "ch05_minibatch_vectorization.ipynb": [
        "Shapes of a minibatch", "Broadcasting", "Row-wise softmax", "vectorise",
    ],
    "ch06_loss_function.ipynb": [
        "Likelihood", "Cross-entropy loss", "minimum of the loss", "derivative",
        "exponential families", "Soft labels",
    ],
    "ch07_information_theory.ipynb": [
        "Entropy", "Nats and bits", "Surprisal", "Cross-entropy", "Kullback",
        "Two views of the classification objective",
    ],
    "ch08_prediction_evaluation.ipynb": [
        "The data", "Training from scratch", "Concise training", "two trainers agree",
        "Prediction", "Accuracy", "Confusion matrix", "most confidently wrong",
    ],
    "ch09_summary.ipynb": ["The chain on one page", "Glossary"],
    "ch10_exercises.ipynb": [
        "curvature", "three equally likely classes", "RealSoftMax", "log-partition",
        "Temperature", "Overflow and underflow", "most likely class",
        "Learning rate and batch size",
    ],
}
COMMON_HEADINGS = ["Key points", "Try it"]

# A code cell that deliberately defines its own (naive) version to show it failing carries
# this tag in its metadata.
NAIVE_TAG = "naive-on-purpose"
LIBRARY_NAMES = {
    "softmax", "log_softmax", "logsumexp", "one_hot", "cross_entropy", "cross_entropy_loss",
    "cross_entropy_loss_grad", "entropy", "surprisal", "kl_divergence", "accuracy",
}


def _cells(name: str) -> list[dict]:
    return json.loads((BOOK / name).read_text(encoding="utf-8"))["cells"]


def _headings(name: str) -> list[str]:
    out = []
    for cell in _cells(name):
        if cell["cell_type"] == "markdown":
            out += re.findall(r"^#{1,6}\s+(.*)$", "".join(cell["source"]), flags=re.M)
    return out


@pytest.mark.parametrize("name", sorted(REQUIRED_HEADINGS))
def test_chapter_has_required_sections(name: str) -> None:
    headings = [h.lower() for h in _headings(name)]
    for required in REQUIRED_HEADINGS[name] + COMMON_HEADINGS:
        assert any(required.lower() in h for h in headings), f"{name} lacks a '{required}' section"


@pytest.mark.parametrize("name", sorted(REQUIRED_HEADINGS))
def test_chapter_does_not_redefine_library_math(name: str) -> None:
    for cell in _cells(name):
        if cell["cell_type"] != "code" or NAIVE_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        source = "".join(cell["source"])
        # IPython magics are not Python; drop them before parsing.
        source = "\n".join(
            line[: len(line) - len(line.lstrip())] + "pass"
            if line.lstrip().startswith(("%", "!")) else line
            for line in source.splitlines()
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.Lambda, ast.Assign)):
                names = (
                    [node.name] if isinstance(node, ast.FunctionDef)
                    else [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
                )
                clash = LIBRARY_NAMES.intersection(names)
                assert not clash, (
                    f"{name} redefines {sorted(clash)}; import it from softmax_lab, or tag the "
                    f"cell '{NAIVE_TAG}' if it shows a naive version on purpose"
                )
