"""One local web server for the tests and the benchmarks: a folder served at 127.0.0.1.

``serve(folder)`` starts this file as its own process on a free port, waits until a
probe file answers and yields the base URL; leaving the ``with`` block stops it. The
process is Python's ``http.server``, optionally sending text gzip-compressed
(``compress=True``) as any real web host does, so that a browser's own byte counts
and Lighthouse see what a reader would download.

Shared by tests/browser (the built book), tests/worktree_server.py (book/js without a
build) and benchmarks/ (which put tests/ on sys.path). Run alone:
``python tests/local_server.py FOLDER PORT [--gzip]``.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.server
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from functools import partial
from pathlib import Path

# Content types a web server compresses; images and fonts are compressed already.
COMPRESSIBLE = ("text/", "javascript", "json", "xml", "svg")
START_SECONDS = 15


def free_port() -> int:
    """A free TCP port on 127.0.0.1 for a server to listen on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve(folder: Path, probe: str = "index.html", *, compress: bool = False) -> Iterator[str]:
    """Serve ``folder`` at http://127.0.0.1:PORT/ while the block runs; yield that URL."""
    folder = Path(folder)
    if not (folder / probe).is_file():
        raise FileNotFoundError(f"serve(folder={str(folder)!r}): it has no {probe!r} to serve")
    port = free_port()
    command = [sys.executable, __file__, str(folder), str(port)]
    if compress:
        command.append("--gzip")
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(url + probe, timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the local web server for {folder} did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """``http.server``'s file handler that gzips text for clients that accept it."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        kind = self.guess_type(str(path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and any(token in kind for token in COMPRESSIBLE)):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, format, *args):  # quiet: the tests read no server log
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a folder at 127.0.0.1.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("port", type=int)
    parser.add_argument("--gzip", action="store_true", help="compress text responses")
    arguments = parser.parse_args()
    handler_class = CompressingHandler if arguments.gzip else http.server.SimpleHTTPRequestHandler
    handler = partial(handler_class, directory=str(arguments.folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", arguments.port), handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
