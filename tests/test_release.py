"""The release: sdist and wheel build, pass twine check, carry every file of the package, and
the wheel runs a chapter in a fresh venv outside the repository (tools/release.py).

Marked ``release``: ``make test`` runs them once, after the unit tests (``make test-release``).
"""

from __future__ import annotations

import email
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import release  # noqa: E402
from nbtools import package_version  # noqa: E402

pytestmark = pytest.mark.release


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return release.build_dists(tmp_path_factory.mktemp("dist"))


def test_sdist_and_wheel_pass_twine_check(dists):
    release.twine_check(*dists)


def test_the_wheel_and_the_sdist_carry_every_file_of_the_package(dists):
    sdist, wheel = dists
    files = release.package_files()
    assert any(f.endswith(".js") for f in files) and any(f.endswith(".css") for f in files)
    assert any(f.startswith("softmax_lab/messages/") for f in files)
    assert release.missing_from_wheel(wheel) == set()
    with tarfile.open(sdist) as tf:
        in_sdist = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    assert {f"lib/{f}" for f in files} <= in_sdist


def test_the_wheel_declares_its_license_version_and_the_torch_extra(dists):
    _, wheel = dists
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        message = email.message_from_bytes(zf.read(meta))
    assert message["License-Expression"] == "MIT"
    assert message["Version"] == package_version()
    assert "torch" in message.get_all("Provides-Extra")
    assert any(r.startswith("torch") for r in release.declared_requirements(wheel))
    assert not any(r.startswith("torch") for r in release.declared_requirements(wheel, ()))


@pytest.mark.timeout(600)
def test_the_wheel_runs_a_chapter_in_a_fresh_venv_outside_the_repository(dists):
    _, wheel = dists
    imported = release.smoke_test(wheel)
    assert ROOT not in imported.parents
    assert imported.parts[-3:] == ("site-packages", "softmax_lab", "__init__.py")
