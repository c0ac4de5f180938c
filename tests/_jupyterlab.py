"""A real JupyterLab on 127.0.0.1 for end-to-end tests of the explorers' kernel form.

``jupyterlab_server(folder)`` starts ``python -m jupyterlab`` (this environment's, so its kernel
imports this checkout's softmax_lab) on a free port, with no token, every Jupyter folder in a
temporary directory and no news or update checks, and stops it afterwards.
``notebook_server(tmp_path_factory, name, cells)`` does so for one new notebook (a test module's
``lab`` fixture; conftest's ``lab_page`` opens a guarded page for it).
``open_notebook(page, url, name)`` opens a notebook, waits for an idle kernel and runs every
cell. Offline: guard the page's context like any other (nothing leaves 127.0.0.1).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# The announcements plugin asks whether to fetch news; say no before it asks.
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def write_notebook(path: Path, cells: list[str]) -> Path:
    """A notebook of code cells (no outputs)."""
    nb = {
        "cells": [{"cell_type": "code", "id": f"cell{i}", "metadata": {}, "outputs": [],
                   "execution_count": None, "source": src} for i, src in enumerate(cells)],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab_server(folder: Path, timeout: float = 60) -> Iterator[str]:
    """Run JupyterLab on ``folder``; yields its base URL."""
    home = folder / ".jupyter-test"
    env = {k: v for k, v in os.environ.items() if k != "SOFTMAX_LAB_STATIC"}
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_RUNTIME_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR",
                 "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR"):
        env[name] = str(home / name.lower())
    for file, values in SETTINGS.items():
        target = home / "jupyterlab_settings_dir" / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = (home / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", f"--port={port}",
         "--ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         f"--ServerApp.root_dir={folder}"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(url + "/api/status", timeout=1)
                break
            except OSError as err:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log_file = home / "server.log"
                    raise RuntimeError(f"JupyterLab did not start: see {log_file}") from err
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def kernels_idle(url: str) -> bool:
    try:
        kernels = json.loads(urllib.request.urlopen(url + "/api/kernels", timeout=5).read())
    except urllib.error.HTTPError:  # a busy server answers 500 while a kernel starts: ask again
        return False
    return bool(kernels) and all(k["execution_state"] == "idle" for k in kernels)


@contextlib.contextmanager
def notebook_server(tmp_path_factory: Any, name: str, cells: list[str]) -> Iterator[str]:
    """JupyterLab on a fresh folder holding one notebook, ``name``, of ``cells``."""
    folder = tmp_path_factory.mktemp(Path(name).stem)
    write_notebook(folder / name, cells)
    with jupyterlab_server(folder) as url:
        yield url


def open_notebook(page: Any, url: str, name: str, timeout_ms: int = 60_000) -> None:
    """Open ``name``, wait for its kernel to be idle (the toolbar says idle before a kernel
    exists, so ask the server), then Run > Run All Cells."""
    page.goto(f"{url}/lab/tree/{name}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout_ms)
    waited = 0
    while not kernels_idle(url):
        if waited > timeout_ms:
            raise TimeoutError("the notebook's kernel never became idle")
        page.wait_for_timeout(100)  # never time.sleep: it stalls Playwright's routed requests
        waited += 100
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.locator(".lm-Menu-item", has_text="Run All Cells").first.click()
