"""Mutation testing of the math and the trainers with mutmut (not part of ``make test``).

mutmut changes the library one small edit at a time (``<`` to ``<=``, ``+ 1`` to ``+ 2``, a
call's argument dropped, ...) and runs the tests that reach the edited function; a mutant the
tests do not notice "survives" and marks a behaviour no test pins down.

    python benchmarks/mutation.py              # or: make mutation (about 7 minutes on 2 idle cores)
    python benchmarks/mutation.py --report     # the kill rate of the last run, per module
    python benchmarks/mutation.py --survivors  # and the diff of every surviving mutant
    python benchmarks/mutation.py --sample 300 # a seeded random sample of the mutants only

A sample estimates the kill rate of the whole run in a fraction of its time (the report then
covers the sample and gives a 95 % Wilson interval); the full run is the measurement.

mutmut 3 expects the package under ``src/``; the library lives in ``lib/``, so the run happens
in a staging copy, ``.mutation/`` (``src/softmax_lab`` is a copy of ``lib/softmax_lab``).
mutmut keeps its results there and re-tests only what changed on the next run; delete that
folder to start again. Hypothesis runs derandomised (profile ``mutation``), so a mutant's fate
does not depend on the examples drawn.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
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


def run(max_children: int, names: list[str] | None = None) -> int:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "SOFTMAX_LAB_HYPOTHESIS": "mutation"}
    env.pop("PYTHONPATH", None)
    cmd = [str(MUTMUT), "run", "--max-children", str(max_children), *(names or [])]
    return subprocess.run(cmd, cwd=STAGE, env=env).returncode


def _exit_codes() -> dict[str, int | None]:
    """Every mutant of the modules under test, with mutmut's exit code for it (None: not run)."""
    codes: dict[str, int | None] = {}
    for module in MODULES:
        meta = STAGE / "mutants" / "src" / "softmax_lab" / (module + ".meta")
        if meta.exists():
            codes.update(json.loads(meta.read_text())["exit_code_by_key"])
    return codes


def generate(max_children: int) -> None:
    """Write the mutants (and mutmut's test statistics) without testing any of them."""
    # mutmut has no generate-only command; a filter that matches no mutant makes `run` stop
    # (with an error, ignored here) right after generating the mutants and the statistics.
    run(max_children, ["softmax_lab.no_such_module.*"])


def sample(size: int, seed: int) -> list[str]:
    """A seeded uniform sample of ``size`` mutants (all of them when there are fewer)."""
    names = sorted(_exit_codes())
    return sorted(random.Random(seed).sample(names, min(size, len(names))))


def _fate(code: int | None) -> str:
    return ("killed" if code in KILLED else "survived" if code in SURVIVED
            else "no tests" if code in (5, 33) else "not run" if code is None else "other")


def outcomes(names: list[str] | None = None) -> dict[str, Counter]:
    """Per module: how many mutants were killed, survived, or had no test reaching them."""
    codes = _exit_codes()
    out: dict[str, Counter] = {module: Counter() for module in MODULES}
    for name in names if names is not None else codes:
        module = name.split(".")[1].split("__mutmut")[0] + ".py"
        out.setdefault(module, Counter())[_fate(codes.get(name))] += 1
    return {module: count for module, count in out.items() if count}


def wilson(killed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a kill rate measured on a sample of ``n`` mutants."""
    if n == 0:
        return float("nan"), float("nan")
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def survivors(names: list[str] | None = None) -> list[str]:
    codes = _exit_codes()
    return sorted(name for name in (names if names is not None else codes)
                  if _fate(codes.get(name)) in ("survived", "no tests"))


def report(show_survivors: bool = False, names: list[str] | None = None) -> float:
    table = outcomes(names)
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
    if names is not None:
        low, high = wilson(total["killed"], n)
        print(f"(a sample of {len(names)} mutants; the kill rate of all of them is "
              f"{low:.1%} to {high:.1%} with 95 % confidence)")
    if total["not run"] or total["other"]:
        print(f"({total['not run']} not run yet, {total['other']} with other outcomes)")
    if show_survivors:
        for name in survivors(names):
            subprocess.run([str(MUTMUT), "show", name], cwd=STAGE)
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only report the last run")
    parser.add_argument("--survivors", action="store_true", help="show surviving mutants")
    parser.add_argument("--sample", type=int, metavar="N",
                        help="test (or, with --report, report) a seeded sample of N mutants")
    parser.add_argument("--seed", type=int, default=0, help="the sample's seed (default 0)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    names = None
    if not (args.report or args.survivors):
        stage()
        if args.sample:
            generate(args.max_children)
            names = sample(args.sample, args.seed)
        code = run(args.max_children, names)
        if code:
            print(f"mutmut exited with {code}", file=sys.stderr)
    elif args.sample:
        names = sample(args.sample, args.seed)
    report(show_survivors=args.survivors, names=names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
