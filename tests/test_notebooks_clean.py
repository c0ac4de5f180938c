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
    install_cell_source,
    notebooks,
    package_version,
    release_tag,
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
def test_install_cell_installs_the_tagged_release_from_the_repository_url(path: Path) -> None:
    cell = install_cell(_load(path))
    assert cell is not None, f"{path.name} has no code cell"
    source = "".join(cell["source"])
    assert source == install_cell_source(), (
        f"{path.name}: the install cell differs from the template; run "
        "`python tools/set_repo_url.py`"
    )
    assert {url for _, url in INSTALL_URL.findall(source)} == {
        f"{repository_url()}@{release_tag()}"}
    assert "remove-cell" in cell["metadata"].get("tags", [])


def test_the_release_tag_is_the_package_version() -> None:
    import softmax_lab

    assert release_tag() == f"v{package_version()}" == f"v{softmax_lab.__version__}"


class _Pip:
    """Stands in for IPython's %pip: records what it was asked to install."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(line)


def _run_install_cell(monkeypatch: pytest.MonkeyPatch, *, torch_present: bool,
                      installs: bool) -> tuple[_Pip, object]:
    import importlib.util

    from IPython.core.interactiveshell import InteractiveShell

    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: object):
        if name == "softmax_lab":
            return None  # as in a fresh Colab runtime
        if name == "torch" and not torch_present:
            return None
        return real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    if not installs:
        monkeypatch.setitem(sys.modules, "softmax_lab", None)  # import softmax_lab fails
    shell = InteractiveShell()
    pip = _Pip()
    shell.register_magic_function(pip, magic_kind="line", magic_name="pip")
    result = shell.run_cell(install_cell_source(), silent=True)
    return pip, result


@pytest.mark.parametrize("torch_present", [True, False])
def test_install_cell_adds_the_torch_extra_only_where_torch_is_missing(monkeypatch, torch_present):
    pip, result = _run_install_cell(monkeypatch, torch_present=torch_present, installs=True)
    assert result.error_in_exec is None
    extra = "" if torch_present else "[torch]"
    wanted = f'"softmax_lab{extra} @ git+{repository_url()}@{release_tag()}"'
    assert pip.lines == [f"install --quiet {wanted}"]


def test_install_cell_stops_the_notebook_with_what_to_do_when_pip_fails(monkeypatch) -> None:
    pip, result = _run_install_cell(monkeypatch, torch_present=True, installs=False)
    assert len(pip.lines) == 1
    err = result.error_in_exec
    assert isinstance(err, ModuleNotFoundError)
    assert "could not be installed" in str(err)
    assert "pip install 'softmax_lab[torch] @ git+" in str(err)


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
