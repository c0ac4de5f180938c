"""Chapter notebooks are committed clean, listed in the table of contents, and install from
the one repository URL that ``_config.yml`` names."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from nbtools import (  # noqa: E402
    CELL_METADATA,
    INSTALL_URL,
    LANGUAGE_INFO,
    NOTEBOOK_METADATA,
    install_cell,
    notebooks,
    repository_url,
)

NOTEBOOKS = notebooks()
FIX = "run `python tools/clean_notebooks.py`"


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_there_are_ten_chapter_notebooks() -> None:
    assert [p.name[:4] for p in NOTEBOOKS] == [f"ch{i:02d}" for i in range(1, 11)]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    for i, cell in enumerate(_load(path)["cells"]):
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name} cell {i} has outputs; {FIX}"
            assert cell["execution_count"] is None, f"{path.name} cell {i} was run; {FIX}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_metadata_is_clean(path: Path) -> None:
    nb = _load(path)
    assert set(nb["metadata"]) <= NOTEBOOK_METADATA, f"{path.name}: {set(nb['metadata'])}; {FIX}"
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3"
    assert set(nb["metadata"].get("language_info", {})) <= LANGUAGE_INFO, FIX
    for i, cell in enumerate(nb["cells"]):
        extra = set(cell.get("metadata", {})) - CELL_METADATA
        assert not extra, f"{path.name} cell {i} carries editor metadata {sorted(extra)}; {FIX}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_install_cell_uses_the_repository_url_from_config(path: Path) -> None:
    cell = install_cell(_load(path))
    assert cell is not None, f"{path.name} has no code cell"
    source = "".join(cell["source"])
    found = INSTALL_URL.findall(source)
    assert found, f"{path.name}: the first code cell must pip install 'softmax_lab @ git+URL'"
    urls = {url for _, url in found}
    assert urls == {repository_url()}, (
        f"{path.name} installs from {urls}, _config.yml says {repository_url()}; "
        "run `python tools/set_repo_url.py`"
    )
    assert 'find_spec("softmax_lab") is None' in source, "the install cell must be a no-op locally"


def test_every_notebook_is_in_the_table_of_contents_and_vice_versa() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"], *(entry["file"] for entry in toc["chapters"])]
    listed = {f for f in files if (ROOT / f"{f}.ipynb").exists()}
    assert listed == {f"book/{p.stem}" for p in NOTEBOOKS}
    for f in files:
        assert (ROOT / f"{f}.ipynb").exists() or (ROOT / f"{f}.md").exists(), f


def test_chapter_titles_in_the_toc_match_the_notebook_headings() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for entry in toc["chapters"]:
        path = ROOT / f"{entry['file']}.ipynb"
        if not path.exists():
            continue
        first = next(c for c in _load(path)["cells"] if c["cell_type"] == "markdown")
        heading = "".join(first["source"]).splitlines()[0]
        assert heading == f"# {entry['title']}", f"{path.name}: {heading!r} vs {entry['title']!r}"
