"""3.4.10 Exercises: the chapter issue 11 asks for, checked on the notebook's source.

* Ten exercises: D2L's seven of the current edition's §4.1, in its order, then three from its
  implementation sections; each names its source in both editions, with links.
* Every exercise has a gated solution (``solution-start`` … ``solution-end``) whose code
  checks the answer numerically.
* The corrections: exercise 1 separates the total curvature (largest at the uniform
  prediction) from the steepest one (largest at a two-way split); the slips in D2L's wording
  are named; the new exercises (PAM-3, Bradley–Terry, the size of the log-sum-exp gap) are in.
* Every decimal number in the prose is glued from the code (``{glue:text}``), apart from the
  few that the exercises *give* (listed below with their reason), and every glued key is
  both computed and used.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "book" / "ch10_exercises.ipynb"

#: label -> (title fragment, source in the 0.17 edition, source in the current edition).
EXERCISES = {
    "ex-ch10-curvature": ("curvature", "0.17 edition §3.4, exercise 1",
                          "current edition §4.1, exercise 1"),
    "ex-ch10-three-classes": ("three equally likely classes", "0.17 edition §3.4, exercise 2",
                              "current edition §4.1, exercise 2"),
    "ex-ch10-pam3": ("PAM-3", "not in the 0.17 edition", "current edition §4.1, exercise 3"),
    "ex-ch10-bradley-terry": ("Bradley–Terry", "not in the 0.17 edition",
                              "current edition §4.1, exercise 4 (part 3 added here)"),
    "ex-ch10-realsoftmax": ("RealSoftMax", "0.17 edition §3.4, exercise 3",
                            "current edition §4.1, exercise 5"),
    "ex-ch10-log-partition": ("log-partition", "not in the 0.17 edition",
                              "current edition §4.1, exercise 6"),
    "ex-ch10-temperature": ("Temperature", "not in the 0.17 edition",
                            "current edition §4.1, exercise 7"),
    "ex-ch10-float-formats": ("Overflow and underflow", "0.17 edition §3.6, exercise 1",
                              "current edition §4.4, exercise 1, and §4.5, exercise 1"),
    "ex-ch10-decisions": ("most likely class", "0.17 edition §3.6, exercise 4",
                          "current edition §4.4, exercise 3"),
    "ex-ch10-sweeps": ("Learning rate and batch size", "0.17 edition §3.7, exercise 1",
                       "current edition §4.4, exercise 5, and §4.5, exercise 4"),
}

#: Where each D2L section lives: the 0.17 edition on classic.d2l.ai, the current on d2l.ai.
D2L_PAGES = {
    "3.4": "https://classic.d2l.ai/chapter_linear-networks/softmax-regression.html",
    "3.6": "https://classic.d2l.ai/chapter_linear-networks/softmax-regression-scratch.html",
    "3.7": "https://classic.d2l.ai/chapter_linear-networks/softmax-regression-concise.html",
    "4.1": "https://d2l.ai/chapter_linear-classification/softmax-regression.html",
    "4.4": "https://d2l.ai/chapter_linear-classification/softmax-regression-scratch.html",
    "4.5": "https://d2l.ai/chapter_linear-classification/softmax-regression-concise.html",
}

#: Decimal numbers the prose may state without glue: values an exercise *gives*, and names.
GIVEN_DECIMALS = {
    "0.17": "the name of D2L's edition",
    "3.4": "the number of D2L's section (a name)",
    "0.2": "exercise 9 gives the probability of disease",
    "0.5": "exercise 10's batch-size sweep is run at this learning rate (and Try it)",
    "0.25": "Try it: the source (0.5, 0.25, 0.25) to code",
    "2.0": "the name of USB4 version 2.0",
    "6.0": "the name of PCIe 6.0",
}

GLUE_ROLE = re.compile(r"\{glue:text\}`([A-Za-z0-9_]+)(?::[^`]*)?`")
DECIMAL = re.compile(r"(?<![\w.§])\d+\.\d+(?![\w.])")


def _cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]


def _text(cell: dict) -> str:
    return "".join(cell["source"])


def _markdown() -> list[str]:
    return [_text(c) for c in _cells() if c["cell_type"] == "markdown"]


def _code() -> list[str]:
    return [_text(c) for c in _cells() if c["cell_type"] == "code"]


def _exercise_cell(label: str) -> str:
    return next(t for t in _markdown() if re.search(rf":label: {label}\n", t))


def _solution(label: str) -> tuple[str, list[str]]:
    """The prose and the code cells between ``solution-start <label>`` and its end."""
    cells = _cells()
    start = next(i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                 and re.search(rf"\{{solution-start\}} {label}\b", _text(c)))
    end = next(i for i in range(start + 1, len(cells))
               if "{solution-end}" in _text(cells[i]))
    inside = cells[start + 1:end]
    prose = "\n".join(_text(c) for c in inside if c["cell_type"] == "markdown")
    return prose, [_text(c) for c in inside if c["cell_type"] == "code"]


def _unlinked(text: str) -> str:
    """Markdown links ``[text](url)`` reduced to their text."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)


def test_ten_exercises_in_order_under_numbered_headings() -> None:
    labels = [m for t in _markdown() for m in re.findall(r":label: (ex-ch10-[\w-]+)", t)]
    assert labels == list(EXERCISES)
    headings = [h for t in _markdown() for h in re.findall(r"^## (\d+)\. (.*)$", t, re.M)]
    assert [int(n) for n, _ in headings] == list(range(1, len(EXERCISES) + 1))
    for (_, title), (fragment, _, _) in zip(headings, EXERCISES.values(), strict=True):
        assert fragment.lower() in title.lower(), (title, fragment)


@pytest.mark.parametrize("label", list(EXERCISES))
def test_each_exercise_names_its_d2l_source_in_both_editions(label: str) -> None:
    cell = _exercise_cell(label)
    line = next(line for line in cell.splitlines() if line.startswith("*From D2L:*"))
    _, old, new = EXERCISES[label]
    assert _unlinked(line) == f"*From D2L:* {old}; {new}."
    for section, url in re.findall(r"\[§(\d\.\d)\]\(([^)]*)\)", line):
        assert url == D2L_PAGES[section] + "#exercises", (section, url)


@pytest.mark.parametrize("label", list(EXERCISES))
def test_every_exercise_has_a_gated_solution_that_checks_numerically(label: str) -> None:
    prose, code = _solution(label)
    assert prose.strip(), f"{label}: the solution has no worked answer"
    checks = [node for source in code
              for node in ast.walk(ast.parse(source))
              if isinstance(node, ast.Assert)
              or (isinstance(node, ast.Attribute) and node.attr.startswith("assert_"))]
    assert checks, f"{label}: no numeric check in the solution's code"


def test_exercise_1_separates_total_curvature_from_the_steepest_direction() -> None:
    prose, code = _solution("ex-ch10-curvature")
    assert "a uniform one has the most" not in prose
    assert r"1 - \sum_j \hat y_j^2" in prose and r"1 - 1/q" in prose      # the trace
    assert r"(\tfrac12, \tfrac12, 0)" in prose and "Böhning" in prose       # the eigenvalue
    assert "*not* largest at the" in prose
    joined = "\n".join(code)
    assert "[0, 0, 1 / 2]" in joined and "[0, 1 / 3, 1 / 3]" in joined
    assert "top.max() <= 1 / 2" in joined


def test_the_slips_in_d2l_wording_are_named_and_corrected() -> None:
    prose, code = _solution("ex-ch10-log-partition")
    assert "translation-*equivariant*" in prose and "translation-*invariant*" in prose
    assert r"b = -\max_i x_i" in prose and r"$b = \max_i x_i$" in prose
    assert "x + x.max()" in "\n".join(code)            # D2L's b = +max is shown to overflow
    curvature, _ = _solution("ex-ch10-curvature")
    assert "the variance of the distribution given by" in curvature


def test_new_exercises_of_the_current_edition_are_answered() -> None:
    pam3, _ = _solution("ex-ch10-pam3")
    assert "2 ternary symbols" in pam3 and "3 binary" in pam3 and "11b/7t" in pam3
    bradley_terry, _ = _solution("ex-ch10-bradley-terry")
    assert r"\sigma(o_a - o_o)" in bradley_terry and "Luce" in bradley_terry
    assert "How small can the difference" in _exercise_cell("ex-ch10-realsoftmax")
    gap, _ = _solution("ex-ch10-realsoftmax")
    assert r"\log(1 + e^{-\delta})" in gap and r"\log n / \lambda" in gap


def test_prose_states_no_decimal_number_that_is_not_glued() -> None:
    found = {}
    for text in _markdown():
        text = GLUE_ROLE.sub("", _unlinked(text))
        for number in DECIMAL.findall(text):
            found.setdefault(number, text[:60])
    unexplained = {n: where for n, where in found.items() if n not in GIVEN_DECIMALS}
    assert not unexplained, f"decimals in the prose that are not glued: {unexplained}"


def test_the_decimal_rule_sees_numbers_but_not_names_or_glue() -> None:
    text = "costs 0.8 units, §3.4 and 3.4.6, ({glue:text}`cost:.1f`), x_1.5"
    assert DECIMAL.findall(GLUE_ROLE.sub("", text)) == ["0.8"]


def test_every_glued_number_is_computed_and_every_computed_one_is_used() -> None:
    used = {key for text in _markdown() for key in GLUE_ROLE.findall(text)}
    glued = set()
    for source in _code():
        for call in re.findall(r"\bglue\((f?)\"([^\"]+)\"", source):
            is_f, key = call
            glued.add(re.sub(r"\{[^}]*\}", "*", key) if is_f else key)
    patterns = [re.compile(re.escape(k).replace(r"\*", r"\w+") + "$") for k in glued]
    assert all(any(p.match(key) for p in patterns) for key in used), (
        sorted(k for k in used if not any(p.match(k) for p in patterns)))
    assert all(any(p.match(key) for key in used) for p in patterns), (
        sorted(p.pattern for p in patterns if not any(p.match(k) for k in used)))


def test_the_math_comes_from_softmax_lab() -> None:
    called = {m for source in _code() for m in re.findall(r"\bsl\.(\w+)\(", source)}
    assert {"softmax", "logsumexp", "cross_entropy_loss", "cross_entropy_loss_grad",
            "entropy", "one_hot", "fit_numpy", "load_digits"} <= called
