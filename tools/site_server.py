"""A static file server for the built site on 127.0.0.1, gzip like any static host.

Used by the browser tests and by ``tools/measure_site.py``; it records every path it answered
with 404 and the bytes it sent (compressed and raw) per request.

    python tools/site_server.py [_build/html] [--port 8000]
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".inv")


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves files under ``directory``; subclasses set ``missing``, ``sent`` and ``cache``."""

    missing: list[str]
    sent: list[tuple[str, int, int]]  # (path, bytes on the wire, raw bytes)
    cache: dict[str, bytes]

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        base = Path(self.directory)
        # normpath (not resolve) so that "..", never a symlink, is what cannot leave the root.
        target = Path(os.path.normpath(base / path.lstrip("/")))
        if target.is_dir():
            target = target / "index.html"
        if base not in target.parents or not target.is_file():
            self.missing.append(path)
            self.send_error(404)
            return
        raw = target.read_bytes()
        body = raw
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(target.name)[0] or "text/plain")
        self.send_header("Cache-Control", "no-cache")
        if target.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = str(target)
            if key not in self.cache:
                self.cache[key] = gzip.compress(raw, compresslevel=6)
            body = self.cache[key]
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.sent.append((path, len(body), len(raw)))


class SiteServer:
    """A running server: ``url``, ``root``, ``missing`` (404 paths) and ``sent``."""

    def __init__(self, root: Path, port: int = 0) -> None:
        self.root = Path(root)
        self.missing: list[str] = []
        self.sent: list[tuple[str, int, int]] = []
        handler = type(
            "Handler", (SiteHandler,), {"missing": self.missing, "sent": self.sent, "cache": {}}
        )
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(root)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default="_build/html", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = SiteServer(args.root, args.port)
    print(f"serving {args.root} at {server.url} (Ctrl+C stops)")
    try:
        server._thread.join()
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()
