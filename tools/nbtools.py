"""Helpers shared by the notebook tools and tests: the repository URL and the install cell."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"

# The install cell's pip requirement: `"softmax_lab{_extra} @ git+<url>@v<version>"`.
INSTALL_URL = re.compile(r"(softmax_lab\S*\s*@\s*git\+)([^\"'\s@]+(?:@[^\"'\s@]+)?)")
# Notebook-level and cell-level metadata a committed notebook may carry.
NOTEBOOK_METADATA = {"kernelspec", "language_info"}
LANGUAGE_INFO = {"name"}
CELL_METADATA = {"tags", "mystnb"}


def repository_url() -> str:
    """``repository.url`` from ``_config.yml``: the one place that names the repository."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return str(config["repository"]["url"]).rstrip("/")


def package_version() -> str:
    """``project.version`` from ``pyproject.toml``: the version the release is tagged with."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    project = text.split("[project]", 1)[1].split("\n[", 1)[0]
    match = re.search(r'^version\s*=\s*"([^"]+)"', project, flags=re.MULTILINE)
    if match is None:
        raise ValueError("pyproject.toml: no [project] version")
    return match.group(1)


def release_tag() -> str:
    """The git tag of this version's release (``make release`` creates it)."""
    return f"v{package_version()}"


def install_cell_source(url: str | None = None, tag: str | None = None) -> str:
    """The first code cell of every chapter: installs the released softmax_lab where it is
    missing (Colab, a fresh environment), with the torch extra only where torch is missing
    (Colab has it), and stops the notebook with what to do when that fails. It does nothing
    where softmax_lab is installed (this repository, the site build, the tests)."""
    url = repository_url() if url is None else url
    tag = release_tag() if tag is None else tag
    requirement = f"softmax_lab{{_extra}} @ git+{url}@{tag}"
    return "\n".join([
        f"# Installs softmax_lab {tag} where it is missing (Colab); does nothing where it is.",
        "import importlib.util",
        'if importlib.util.find_spec("softmax_lab") is None:',
        '    _extra = "" if importlib.util.find_spec("torch") else "[torch]"  # Colab has torch',
        f'    %pip install --quiet "{requirement}"',
        "    importlib.invalidate_caches()",
        "    try:",
        "        import softmax_lab",
        "    except ImportError as err:",
        "        raise ModuleNotFoundError(",
        '            "softmax_lab could not be installed (see pip\'s messages above). Check the "',
        '            "internet connection, or install it by hand, then restart the kernel: "',
        '            "pip install \'softmax_lab[torch] @ git+"',
        f'            "{url}@{tag}\'"',
        "        ) from err",
    ])


def notebooks() -> list[Path]:
    return sorted(BOOK.glob("*.ipynb"))


def install_cell(nb: dict) -> dict | None:
    """The first code cell (the install cell), or None when there is no code cell."""
    return next((c for c in nb["cells"] if c["cell_type"] == "code"), None)


def python_source(cell: dict) -> str:
    """A code cell's source as Python: IPython magics and shell lines become ``pass``."""
    lines = "".join(cell["source"]).splitlines()
    return "\n".join(
        line[: len(line) - len(line.lstrip())] + "pass"
        if line.lstrip().startswith(("%", "!")) else line
        for line in lines
    )
