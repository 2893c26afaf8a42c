"""Copy the browser assets the book needs from node_modules/ into book/_vendor/.

The built site must work with no network: the widget manager is served from the
site's own files. (Math needs nothing in the page: nnbook/mathml.py turns it into
MathML with KaTeX when the book is built; this script only checks KaTeX is there.)
`npm ci` fetches them (pinned by package.json + package-lock.json); this script
copies only the files a page can request into book/_vendor/vendor/, which
_config.yml lists in html_static_path so Sphinx copies it to
_build/html/_static/vendor/. Nothing here is committed (book/_vendor/ is git-ignored).

Layout (widget modules use the CDN layout `npm/<name>@<version>/dist/...`, so the
manager's `data-jupyter-widgets-cdn` can point at `vendor/npm/`):

    vendor/npm/@jupyter-widgets/html-manager@<v>/dist/embed.js (+ its fonts)

Usage: python book/vendor_assets.py   (run by `make book` after `npm ci`)
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
DEST = ROOT / "book" / "_vendor" / "vendor"
CONFIG = ROOT / "_config.yml"

WIDGET_FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".eot", ".svg")


def package_version(name: str) -> str:
    manifest = NODE_MODULES / name / "package.json"
    if not manifest.is_file():
        sys.exit(
            f"vendor_assets: {manifest.relative_to(ROOT)} is missing; "
            "run `npm ci` in the repository root first (make book does)."
        )
    return json.loads(manifest.read_text())["version"]


def copy(source: Path, target: Path) -> int:
    """Copy a file or a folder; return the number of bytes copied."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
        return sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    shutil.copy2(source, target)
    return target.stat().st_size


def check_mentions(file: Path, path: str) -> None:
    """_config.yml (and one script) name the vendored files with their versions."""
    if path not in file.read_text():
        sys.exit(
            f"vendor_assets: {file.relative_to(ROOT)} does not reference '{path}'. The npm "
            "versions in package-lock.json and the paths in _config.yml (nb_ipywidgets_js) "
            f"must agree; update {file.relative_to(ROOT)}."
        )


def check_config_mentions(path: str) -> None:
    check_mentions(CONFIG, path)


def main() -> int:
    if DEST.exists():
        shutil.rmtree(DEST)
    total = 0

    manager = package_version("@jupyter-widgets/html-manager")
    dist = NODE_MODULES / "@jupyter-widgets" / "html-manager" / "dist"
    rel_dir = f"vendor/npm/@jupyter-widgets/html-manager@{manager}/dist"
    check_config_mentions(f"{rel_dir}/embed.js")
    total += copy(dist / "embed.js", DEST.parent / rel_dir / "embed.js")
    # Font Awesome, which the manager's CSS references relative to embed.js (the
    # Play widget's icons, for example).
    for font in sorted(dist.iterdir()):
        if font.suffix in WIDGET_FONT_SUFFIXES and re.fullmatch(r"[0-9a-f]+", font.stem):
            total += copy(font, DEST.parent / rel_dir / font.name)

    katex = package_version("katex")  # used in Node at build time, not copied

    print(
        f"vendor_assets: @jupyter-widgets/html-manager {manager} "
        f"-> {DEST.relative_to(ROOT)} ({total / 1e6:.1f} MB); katex {katex} for the build"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
