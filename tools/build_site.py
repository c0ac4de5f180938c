"""Build the book from scratch: every notebook executed, nothing reused from an earlier build.

    python tools/build_site.py            # -> _build/html, and _build/html/ko (Korean)
    python tools/build_site.py --strict   # Sphinx warnings are errors (what the tests use)
    python tools/build_site.py --out DIR  # -> DIR/_build/html

A clean, forced build is the only kind this project makes: Sphinx does not re-copy changed static
files on incremental builds, and myst-nb's cache is keyed on notebook code only, so a change in
``lib/`` would otherwise leave stale outputs. Notebooks execute once, in the English build
(myst-nb's cache mode, its cache inside ``_build/``); the translations reuse those outputs
(``tools/sl_i18n/build.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from sl_i18n.build import TRANSLATIONS, book_config, build_translation  # noqa: E402


def build(out: Path = ROOT, strict: bool = False) -> Path:
    """Build the site into ``out/_build/html`` (translations in subfolders); return that folder."""
    build_dir = out / "_build"
    shutil.rmtree(build_dir, ignore_errors=True)
    env = {**os.environ, "SOFTMAX_LAB_STATIC": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    exe = Path(sys.executable).parent / "jupyter-book"
    cmd = [str(exe), "build", str(ROOT), "--all", "--path-output", str(out),
           "--config", str(book_config(out))]
    if strict:
        cmd += ["-W", "--keep-going"]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    html = build_dir / "html"
    if not (html / "index.html").is_file():
        raise RuntimeError(f"the build finished without {html / 'index.html'}")
    for language in TRANSLATIONS:
        build_translation(out, language, strict=strict)
    return html


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT, help="folder that gets _build/")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        html = build(args.out.resolve(), strict=args.strict)
    except subprocess.CalledProcessError as err:
        print(f"build failed (exit {err.returncode}); see the messages above", file=sys.stderr)
        return 1
    print(f"site built in {time.perf_counter() - start:.0f} s: {html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
