"""Mutation testing of the math and the trainers with mutmut (not part of ``make test``).

mutmut changes the library one small edit at a time (``<`` to ``<=``, ``+ 1`` to ``+ 2``, a
call's argument dropped, ...) and runs the tests that reach the edited function; a mutant the
tests do not notice "survives" and marks a behaviour no test pins down.

    python benchmarks/mutation.py              # or: make mutation (an hour or more on 2 cores)
    python benchmarks/mutation.py --report     # the kill rate of the last run, per module
    python benchmarks/mutation.py --survivors  # and the diff of every surviving mutant

mutmut 3 expects the package under ``src/``; the library lives in ``lib/``, so the run happens
in a staging copy, ``.mutation/`` (``src/softmax_lab`` is a copy of ``lib/softmax_lab``).
mutmut keeps its results there and re-tests only what changed on the next run; delete that
folder to start again. Hypothesis runs derandomised (profile ``mutation``), so a mutant's fate
does not depend on the examples drawn.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGE = ROOT / ".mutation"  # not under _build/: the site build deletes that
MUTMUT = Path(sys.executable).with_name("mutmut")

#: The modules under test: the math core and the trainers with their shared epoch loop.
MODULES = ["ops.py", "info.py", "metrics.py", "calibration.py", "_training.py", "divergence.py",
           "train_numpy.py", "train_torch.py", "phm_torch.py"]
#: The tests that exercise them (mutmut runs, per mutant, those that reach its function).
TESTS = ["test_ops.py", "test_checks.py", "test_info.py", "test_metrics.py",
         "test_metrics_accuracy.py", "test_calibration.py", "test_training.py",
         "test_divergence.py", "test_train_numpy.py", "test_train_torch.py", "test_phm_torch.py",
         "test_phm.py", "test_history.py"]

#: Lines that only spell out an error or warning message are not mutated: the tests pin the
#: argument name each message starts with (``match="^name:"``) and the facts it reports, not
#: its wording, so "XX" around a sentence or an upper-cased word is not a bug to catch.
MESSAGE_LINES = [
    r"^\s*raise ",                                                  # raise SomeError(f"...")
    r"^\s*(?:[rf]|rf|fr)?[\x22\x27].*[\x22\x27][,)]*\s*(?:#.*)?$",  # a message's next line
    r"warnings\.warn\(|self\.warn\(",
]

#: mutmut's names for a mutant's fate, from the exit code of its test run.
KILLED, SURVIVED = {1, 3, 36, 24, -24, 152, 255, -9, -11}, {0}


def _config() -> str:
    def toml_list(items: list[str]) -> str:
        return "[" + ", ".join(f'"{i}"' for i in items) + "]"

    return "\n".join([
        "[tool.mutmut]",
        'source_paths = ["src/softmax_lab"]',
        f"only_mutate = {toml_list(['src/softmax_lab/' + m for m in MODULES])}",
        f"pytest_add_cli_args_test_selection = {toml_list(['tests/' + t for t in TESTS])}",
        # mutmut's trampolines sit between a warning and its caller, so the test of where a
        # warning points cannot pass under mutation (user_stacklevel is not mutated either).
        'pytest_add_cli_args = ["-p", "no:cacheprovider", "-W", "ignore", "--deselect", '
        '"tests/test_divergence.py::test_a_warning_points_at_the_callers_line"]',
        'also_copy = ["tools/"]',
        # TOML literal strings ('...') keep the regular expressions' backslashes as they are.
        "do_not_mutate_patterns = [" + ", ".join(f"'{p}'" for p in MESSAGE_LINES) + "]",
        "",
    ])


def stage() -> None:
    """Refresh the staging copy: the package as ``src/``, the tests, tools and pyproject."""
    STAGE.mkdir(parents=True, exist_ok=True)
    src = STAGE / "src" / "softmax_lab"
    shutil.rmtree(src, ignore_errors=True)
    shutil.copytree(ROOT / "lib" / "softmax_lab", src,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("tests", "tools"):
        shutil.rmtree(STAGE / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, STAGE / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "fixtures"))
    fixtures = ROOT / "tests" / "fixtures"
    if fixtures.exists():
        shutil.copytree(fixtures, STAGE / "tests" / "fixtures", dirs_exist_ok=True)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (STAGE / "pyproject.toml").write_text(pyproject + "\n" + _config(), encoding="utf-8")
    # Tests and tools change between runs: mutmut copies them into mutants/ only if missing.
    for folder in ("tests", "tools"):
        shutil.rmtree(STAGE / "mutants" / folder, ignore_errors=True)


def run(max_children: int) -> int:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "SOFTMAX_LAB_HYPOTHESIS": "mutation"}
    env.pop("PYTHONPATH", None)
    cmd = [str(MUTMUT), "run", "--max-children", str(max_children)]
    return subprocess.run(cmd, cwd=STAGE, env=env).returncode


def outcomes() -> dict[str, Counter]:
    """Per module: how many mutants were killed, survived, or had no test reaching them."""
    out: dict[str, Counter] = {}
    for module in MODULES:
        meta = STAGE / "mutants" / "src" / "softmax_lab" / (module + ".meta")
        if not meta.exists():
            continue
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        count = Counter()
        for code in codes.values():
            count["killed" if code in KILLED else "survived" if code in SURVIVED
                  else "no tests" if code in (5, 33) else "not run" if code is None
                  else "other"] += 1
        out[module] = count
    return out


def survivors() -> list[str]:
    found = []
    for module in MODULES:
        meta = STAGE / "mutants" / "src" / "softmax_lab" / (module + ".meta")
        if meta.exists():
            codes = json.loads(meta.read_text())["exit_code_by_key"]
            found += [name for name, code in codes.items() if code in SURVIVED or code in (5, 33)]
    return sorted(found)


def report(show_survivors: bool = False) -> float:
    table = outcomes()
    total = Counter()
    print(f"| {'module':16} | mutants | killed | survived | no test | kill rate |")
    print("|------------------|---------|--------|----------|---------|-----------|")
    for module, c in table.items():
        total.update(c)
        n = c["killed"] + c["survived"] + c["no tests"]
        rate = c["killed"] / n if n else float("nan")
        print(f"| {module:16} | {n:7} | {c['killed']:6} | {c['survived']:8} | "
              f"{c['no tests']:7} | {rate:8.1%} |")
    n = total["killed"] + total["survived"] + total["no tests"]
    rate = total["killed"] / n if n else float("nan")
    print(f"| {'all':16} | {n:7} | {total['killed']:6} | {total['survived']:8} | "
          f"{total['no tests']:7} | {rate:8.1%} |")
    if total["not run"] or total["other"]:
        print(f"({total['not run']} not run yet, {total['other']} with other outcomes)")
    if show_survivors:
        for name in survivors():
            subprocess.run([str(MUTMUT), "show", name], cwd=STAGE)
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only report the last run")
    parser.add_argument("--survivors", action="store_true", help="show surviving mutants")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    if not (args.report or args.survivors):
        stage()
        code = run(args.max_children)
        if code:
            print(f"mutmut exited with {code}", file=sys.stderr)
    report(show_survivors=args.survivors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
