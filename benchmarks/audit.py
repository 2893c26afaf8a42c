"""How heavy and how fast each chapter page of the built book is: `make audit`.

Builds nothing: it audits _build/html as it is (build it first with `make book`).
The site is served at 127.0.0.1 with text gzip-compressed, as any web host sends it,
and for every chapter page this prints

- the bytes a first visit downloads, as Chromium itself counts them: a fresh browser
  context (empty cache) opens the page and waits until the components near the screen
  have mounted (the others wait for the reader to scroll to them; the math is MathML
  in the page, drawn with no script); "raw" is the decoded size of every response,
  "sent" what came over the wire, "live" how many components mounted of the page's;
- Lighthouse's performance and accessibility scores (lighthouse from package.json,
  its mobile preset, Debian's chromium, offline: the page fetches only from the local
  server), with the audits that cost points.

The targets of the issue are printed next to the numbers; nothing is asserted.
Lighthouse takes about a minute a page on two cores: choose pages with
`make audit PAGES="07_playground 05"` (any part of a page's file name), or skip it
with `--no-lighthouse` (weights only, a few seconds a page); `--resources` lists
every file of each first visit with its size. Each page's full Lighthouse report is
kept as JSON in _build/audit/.

Run: python benchmarks/audit.py [--pages NAME ...] [--no-lighthouse] [--resources]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# NNZ_BOOK_SITE: another built site to audit (as for the browser tests).
SITE = Path(os.environ.get("NNZ_BOOK_SITE") or ROOT / "_build" / "html")
REPORTS = ROOT / "_build" / "audit"
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
sys.path.insert(0, str(ROOT / "tests"))

import chromium  # noqa: E402  (tests/chromium.py: Debian's chromium and its flags)
from local_server import serve  # noqa: E402  (tests/local_server.py)

TARGET_SENT_KB = 600
TARGET_PERFORMANCE = 90
TARGET_ACCESSIBILITY = 100
LIGHTHOUSE_SECONDS = 300
PAGE_SECONDS = 180

# A first visit is done when the components near the screen have mounted: the loader
# (book/js/nnz-components.js) mounts those within a viewport of it at load, the
# others when the reader scrolls near them.
SETTLED_JS = """
async () => {
  const all = [...document.querySelectorAll('[data-nnz-component]')];
  const near = all.filter((element) => {
    const box = element.getBoundingClientRect();
    return box.bottom > -window.innerHeight && box.top < 2 * window.innerHeight;
  });
  const settled = (element) => element.matches('.nnz-mounted, .nnz-failed');
  const pending = () => near.filter((element) => !settled(element)).length;
  for (let tries = 0; pending() > 0 && tries < 300; tries += 1) {
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return {
    unmounted: pending(),
    mounted: all.filter((element) => element.matches('.nnz-mounted')).length,
    components: all.length,
  };
}
"""


def chapter_pages(wanted: list[str]) -> list[str]:
    """The built chapter pages (relative to the site) whose file name contains a wanted part."""
    pages = sorted(path.relative_to(SITE).as_posix() for path in SITE.glob("chapters/*.html"))
    if not wanted:
        return pages
    chosen = [page for page in pages if any(part in Path(page).name for part in wanted)]
    if not chosen:
        names = ", ".join(Path(page).stem for page in pages)
        raise SystemExit(f"PAGES={' '.join(wanted)!r} matches no chapter page; the pages: {names}")
    return chosen


def first_visit(browser, url: str) -> dict:
    """Open ``url`` with an empty cache; count what Chromium fetched until the page settled."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    outside, resources = [], []
    base = url.split("/chapters/")[0]

    def route(request_route):
        if request_route.request.url.startswith(base):
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    def finished(request):
        response = request.response()
        if response is None:
            return
        try:
            raw = len(response.body())
        except Exception:  # a redirect has no body of its own
            raw = 0
        sizes = request.sizes()
        sent = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        resources.append({"url": request.url, "raw": raw, "sent": sent})

    context.route("**/*", route)
    page = context.new_page()
    # Generous: on a busy two-core machine a chapter page can take a minute to load.
    page.set_default_timeout(PAGE_SECONDS * 1000)
    page.on("requestfinished", finished)
    page.goto(url, wait_until="load")
    components = page.evaluate(SETTLED_JS)
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", finished)
    context.close()
    return {
        "raw": sum(r["raw"] for r in resources),
        "sent": sum(r["sent"] for r in resources),
        "requests": len(resources),
        "resources": sorted(resources, key=lambda r: -r["sent"]),
        "outside": outside,
        **components,
    }


def lighthouse(url: str, report: Path) -> dict:
    """Lighthouse's mobile audit of ``url``: the two scores and the audits that lost points."""
    flags = " ".join(chromium.ARGS)
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={flags}",
        "--quiet",
    ]
    environment = dict(os.environ, CHROME_PATH=chromium.executable())
    finished = subprocess.run(
        command, env=environment, capture_output=True, text=True, timeout=LIGHTHOUSE_SECONDS
    )
    if finished.returncode != 0 or not report.is_file():
        return {"error": (finished.stderr or finished.stdout).strip().splitlines()[-1:]}
    result = json.loads(report.read_text())
    scores, findings = {}, []
    for name in ("performance", "accessibility"):
        category = result["categories"][name]
        scores[name] = None if category["score"] is None else round(category["score"] * 100)
        for reference in category["auditRefs"]:
            audit = result["audits"][reference["id"]]
            lost = audit.get("score") is not None and audit["score"] < 0.9
            counted = (
                reference.get("weight", 0) > 0
                or audit.get("details", {}).get("type") == "opportunity"
            )
            if lost and counted:
                shown = audit.get("displayValue", "")
                findings.append(f"{name[:4]}: {audit['title']}" + (f" ({shown})" if shown else ""))
    return {"scores": scores, "findings": findings}


def kilobytes(count: int) -> str:
    return f"{count / 1024:8.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", nargs="*", default=[], help="parts of page file names")
    parser.add_argument("--no-lighthouse", action="store_true", help="page weights only")
    parser.add_argument(
        "--resources", action="store_true", help="list every file of each first visit"
    )
    arguments = parser.parse_args()
    wanted = [part for given in arguments.pages for part in given.replace(",", " ").split()]
    if not (SITE / "index.html").is_file():
        raise SystemExit("the built book is missing (_build/html): run `make book` first")
    if not arguments.no_lighthouse and not LIGHTHOUSE.is_file():
        raise SystemExit("lighthouse is missing from node_modules: run `npm ci`")
    pages = chapter_pages(wanted)
    REPORTS.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(SITE, compress=True) as base_url:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium.executable(), args=chromium.ARGS
            )
            for page in pages:
                print(f"measuring {page} ...", file=sys.stderr, flush=True)
                weight = first_visit(browser, base_url + page)
                audit = (
                    {}
                    if arguments.no_lighthouse
                    else lighthouse(base_url + page, REPORTS / (Path(page).stem + ".json"))
                )
                rows.append((page, weight, audit))
            browser.close()
    report(rows, every_resource=arguments.resources)


def report(rows, every_resource: bool = False) -> None:
    def score(audit, name):
        value = audit.get("scores", {}).get(name)
        return "   -" if value is None else f"{value:4d}"

    width = max(len(Path(page).stem) for page, _, _ in rows)
    print("\nfirst visit of each chapter page (mobile, empty cache, gzip as a web host sends it)")
    print(
        f"targets: sent <= {TARGET_SENT_KB} KB, Lighthouse performance >= {TARGET_PERFORMANCE},"
        f" accessibility = {TARGET_ACCESSIBILITY}"
    )
    print(f"{'page':<{width}}  {'raw KB':>8}  {'sent KB':>8}  requests  live  perf  a11y")
    for page, weight, audit in rows:
        print(
            f"{Path(page).stem:<{width}}  {kilobytes(weight['raw'])}  {kilobytes(weight['sent'])}"
            f"  {weight['requests']:8d}  {weight['mounted']:>2d}/{weight['components']:<2d}"
            f" {score(audit, 'performance')}"
            f"  {score(audit, 'accessibility')}"
        )
    for page, weight, audit in rows:
        notes = []
        if weight["outside"]:
            notes.append(
                f"refused {len(weight['outside'])} requests outside: {weight['outside'][:2]}"
            )
        if weight["unmounted"]:
            notes.append(f"{weight['unmounted']} components near the screen never mounted")
        if "error" in audit:
            notes.append(f"lighthouse failed: {audit['error']}")
        notes += audit.get("findings", [])
        heaviest = ", ".join(
            f"{r['url'].rsplit('/', 1)[-1][:40]} {r['sent'] / 1024:.0f} KB"
            for r in weight["resources"][:3]
        )
        print(f"\n{Path(page).stem}: heaviest {heaviest}")
        for note in notes:
            print(f"  {note}")
        if every_resource:
            for r in weight["resources"]:
                name = r["url"].split("/_static/")[-1].split("?")[0][-60:]
                print(f"    {r['sent'] / 1024:7.1f} KB sent {r['raw'] / 1024:7.1f} KB raw  {name}")


if __name__ == "__main__":
    main()
