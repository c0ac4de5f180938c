"""Shared fixtures: the built site, a loopback HTTP server for it, and a guarded headless Chromium.

* ``site_dir``: the built HTML. ``SL_SITE_DIR`` names a site that is already built (``make test``
  builds it once, strictly, before the site tests); without it the site is built here, clean and
  with warnings as errors, into a temporary folder.
* ``site_server``: serves ``site_dir`` on 127.0.0.1 (gzip, like any static host), and records
  every path it answered with 404.
* ``browser``: Debian's Chromium (``/usr/bin/chromium``) driven by Playwright.
* ``guarded_page``: a fresh page (no cache) whose requests to any address outside the loopback
  range are blocked and recorded, with console errors, page errors and failed local requests.
"""

from __future__ import annotations

import ipaddress
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from site_server import SiteServer  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Hypothesis's default 200 ms deadline per example is a timing threshold, which this project's
# tests do not have: on the shared 2-core machine a first call (imports, torch warm-up) can
# take longer, and the test then fails as "flaky" without any wrong answer.
settings.register_profile("softmax_lab", deadline=None)
settings.load_profile("softmax_lab")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "site: reads the built site (builds it when needed)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "guarded_page" in getattr(item, "fixturenames", ()) or "browser" in getattr(
            item, "fixturenames", ()
        ):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("SL_SITE_DIR")
    if given:
        path = Path(given).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"SL_SITE_DIR={given} has no index.html: build the site first")
        return path
    from build_site import build

    return build(tmp_path_factory.mktemp("site"), strict=True)


@pytest.fixture(scope="session")
def site_server(site_dir: Path) -> Iterator[SiteServer]:
    server = SiteServer(site_dir)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium); "
            "the browser tests drive it through Playwright"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def is_loopback(url: str) -> bool:
    """True for data:/blob:/about: URLs and for http(s) URLs on 127.0.0.0/8, ::1 or localhost."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    host = parts.hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class PageLog:
    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)


@pytest.fixture
def guarded_page(browser: Any, site_server: SiteServer) -> Iterator[tuple[Any, PageLog]]:
    """A fresh page whose every non-loopback request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    log = PageLog()

    def guard(route: Any) -> None:
        url = route.request.url
        if is_loopback(url):
            route.continue_()
        else:
            log.outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text))
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    page.on("request", lambda r: log.requested.append(r.url))

    def on_response(response: Any) -> None:
        if is_loopback(response.url) and response.status >= 400:
            log.failed.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    try:
        yield page, log
    finally:
        context.close()


@pytest.fixture
def serve_folder() -> Iterator[Any]:
    """Factory: ``serve_folder(path) -> base URL`` of a loopback server for another folder."""
    servers: list[SiteServer] = []

    def serve(path: Path) -> str:
        servers.append(SiteServer(path))
        return servers[-1].url

    yield serve
    for server in servers:
        server.close()


class GuardedPages:
    """Pages whose requests off the loopback are blocked; such a request, a console error or an
    uncaught page error is recorded in ``problems``, and ``close()`` fails the test on any."""

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.contexts: list[Any] = []
        self.problems: list[str] = []

    def _guard(self, route: Any) -> None:
        if is_loopback(route.request.url):
            route.continue_()
        else:
            self.problems.append(f"request off the loopback: {route.request.url}")
            route.abort("blockedbyclient")

    def open(self, url: str, **context_options: Any) -> Any:
        context = self.browser.new_context(**context_options)
        self.contexts.append(context)
        context.route("**/*", self._guard)
        page = context.new_page()
        page.on("console",
                lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.goto(url)
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        assert not self.problems, self.problems


@pytest.fixture
def guarded_folder_page(browser: Any, serve_folder: Any) -> Iterator[Any]:
    """Factory: ``open(folder, ready=None, width=1024, touch=False, dark=False,
    path="index.html")`` -> a page showing ``folder/<path>``.

    The page is guarded like the site's pages: a request off the loopback is blocked, and it,
    a console error or an uncaught page error fails the test at teardown.
    """
    pages = GuardedPages(browser)

    def open_page(folder: Path, ready: str | None = None, width: int = 1024,
                  touch: bool = False, dark: bool = False, path: str = "index.html") -> Any:
        page = pages.open(serve_folder(folder) + path,
                          viewport={"width": width, "height": 900}, has_touch=touch,
                          color_scheme="dark" if dark else "light")
        if ready:
            page.wait_for_selector(ready)
        return page

    yield open_page
    pages.close()


@pytest.fixture
def guarded_site_page(browser: Any, site_server: SiteServer) -> Iterator[Any]:
    """Factory: ``open(name, **context_options)`` -> the site's page ``name`` (no ``.html``),
    loaded until the network is idle, guarded like ``guarded_folder_page``."""
    pages = GuardedPages(browser)

    def open_page(name: str, **context_options: Any) -> Any:
        page = pages.open(site_server.url + name + ".html", **context_options)
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    pages.close()


@pytest.fixture
def loopback() -> Any:
    """The predicate the request guard uses (for tests that install their own guard)."""
    return is_loopback


@pytest.fixture
def lab_page(browser: Any, lab: str) -> Iterator[Any]:
    """A 1280-px page for the test module's JupyterLab (its ``lab`` fixture, a URL); a request
    off the loopback is blocked and fails the test at teardown."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    outside: list[str] = []

    def guard(route: Any) -> None:
        if is_loopback(route.request.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    try:
        yield context.new_page()
    finally:
        context.close()
    assert outside == [], f"JupyterLab requested {outside}"


@pytest.fixture
def callbacks_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make an exception inside an ipywidgets callback fail the test.

    ipywidgets catches and logs callback exceptions, so a broken callback would otherwise pass
    every test and leave a frozen output in the notebook.
    """
    from ipywidgets.widgets.widget import CallbackDispatcher

    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        value = None
        for callback in self.callbacks:
            result = callback(*args, **kwargs)
            value = result if result is not None else value
        return value

    monkeypatch.setattr(CallbackDispatcher, "__call__", call)


@pytest.fixture
def one_torch_thread() -> Iterator[None]:
    """Tiny torch matrices: one thread is faster, and immune to the other jobs on a busy box."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
