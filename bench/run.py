"""The benchmark: growthsite against its floors, for synthetic trusts of several sizes, in one run.

For each N it generates a trust (bench/synthetic.py) and measures, each as the best of --runs:

- ``growthsite validate`` against the floor of only parsing the same files with PyYAML's C loader;
- the full staff build against the baseline: the same pages as static Markdown, built by plain MkDocs
  with the same theme and plugins but without growthsite (bench/baseline.py);
- the cost per person (build time less the build of the same trust with no one in it, over N), the peak
  memory (RSS) of the build and the size of its search index;

and once: the rebuild of ``growthsite serve`` after one portfolio is edited, and the time to the first
search result in Chromium; then "one big portfolio": the same 100,000 activities dealt out over 10 people
and over 2,000, validated and built, to show that the cost follows the records, not the size of one file.
Every figure is a wall-clock time of a separate process, so a ratio compares like with like on the same
machine in the same run. The tables are printed and written to BENCHMARKS.md.

    python bench/run.py [--sizes 500,1000,2000,5000] [--runs 2] [--write BENCHMARKS.md]
                        [--big-activities 100000] [--big-people 10,2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402 - bench/ is not a package: its modules sit beside this script
import synthetic  # noqa: E402

BIN = Path(sys.executable).parent
GROWTHSITE = str(BIN / "growthsite")
MKDOCS = str(BIN / "mkdocs")
ENV = dict(os.environ, GROWTHSITE_TODAY="2026-11-24", NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
FLOOR = """
import os, sys, yaml
root = sys.argv[1]
for folder in ("framework", "portfolios"):
    for name in sorted(os.listdir(os.path.join(root, folder))):
        if name.endswith(".yml"):
            with open(os.path.join(root, folder, name), "rb") as handle:
                yaml.load(handle.read().decode("utf-8"), Loader=yaml.CSafeLoader)
"""
TARGETS = (
    ("build / baseline at N = 1,000", "build_ratio", 1000, 1.10),
    ("build / baseline at N = 5,000", "build_ratio", 5000, 1.10),
    ("cost per person at 5,000 / at 500", "linearity", 5000, 1.20),
    ("validate / parse floor at N = 5,000", "validate_ratio", 5000, 1.50),
    ("peak RSS of the build at N = 5,000 (GiB)", "rss_gib", 5000, 1.00),
)


EXPLAINED = (
    "## Reading the figures", "",
    "- The build is *faster* than plain MkDocs building the same pages because growthsite's generated pages "
    "never go through Markdown: the plugin puts their HTML in after Markdown has run, where plain MkDocs must "
    "parse the same HTML as Markdown. Both then do the same theme rendering and search indexing.",
    "- `serve` rebuilds the whole site after an edit (MkDocs has no partial rebuild), so its rebuild time is "
    "about the time of a build.",
    "- The search index grows by about the same amount per person, and Chromium loads all of it before the "
    "first search: that wait grows with the trust.",
    "- *One big portfolio* holds the records fixed and changes only how many people share them. Most of the "
    "work of a build is per record (reading, checking, rendering and indexing each activity), and the rest "
    "is per page, so fewer people with the same records should take less time: a ratio well under 1 means "
    "the cost follows the records. A ratio near or over 1 means something grows faster than the records "
    "in one file or on one page (such as a scan of a person's records for each of their records). "
    "`validate` has no pages to save, so at best its ratio is about 1; portfolios are read on every core "
    "from 300 of them, or from 4 MB of portfolios in all, so 10 very long portfolios are read in parallel "
    "too.", "",
)


@dataclass
class Timed:
    seconds: float
    rss_mb: float


def run(args: list[str], cwd: Path | None = None) -> Timed:
    """Run a command to the end; its wall time and its peak resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{errors.decode('utf-8', 'replace')[-3000:]}")
    return Timed(seconds, usage.ru_maxrss / 1024)


def best(runs: int, args: list[str]) -> Timed:
    results = [run(args) for _ in range(runs)]
    return min(results, key=lambda r: r.seconds)


@dataclass
class Row:
    people: int
    pages: int = 0
    validate: float = 0.0
    floor: float = 0.0
    build: float = 0.0
    base: float = 0.0
    rss_mb: float = 0.0
    base_rss_mb: float = 0.0
    index_kb: float = 0.0
    per_person_ms: float = 0.0
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def validate_ratio(self) -> float:
        return self.validate / self.floor

    @property
    def build_ratio(self) -> float:
        return self.build / self.base

    @property
    def rss_gib(self) -> float:
        return self.rss_mb / 1024


def measure(people: int, out: Path, runs: int, empty_build: float | None) -> Row:
    trust = out / f"trust-{people}"
    if trust.exists():
        shutil.rmtree(trust)
    synthetic.generate(trust, people)
    row = Row(people)
    row.floor = best(runs, [sys.executable, "-c", FLOOR, str(trust)]).seconds
    row.validate = best(runs, [GROWTHSITE, "validate", str(trust)]).seconds
    site = out / f"site-{people}"
    built = best(runs, [GROWTHSITE, "build", str(trust), "--site-dir", str(site)])
    row.build, row.rss_mb = built.seconds, built.rss_mb
    row.pages = sum(1 for _ in site.rglob("index.html"))
    row.index_kb = (site / "search" / "search_index.json").stat().st_size / 1024
    docs, base_site = out / f"baseline-{people}" / "docs", out / f"baseline-{people}" / "site"
    if docs.parent.exists():
        shutil.rmtree(docs.parent)
    baseline.capture(trust, docs, out / f"baseline-{people}" / "scratch")
    config = baseline.write_config(trust, docs, docs.parent / "mkdocs.yml")
    based = best(runs, [MKDOCS, "build", "-q", "-f", str(config), "-d", str(base_site)])
    row.base, row.base_rss_mb = based.seconds, based.rss_mb
    if empty_build is not None and people:
        row.per_person_ms = (row.build - empty_build) / people * 1000
    return row


@dataclass
class Spread:
    """One trust of the "one big portfolio" comparison: ``activities`` dealt out over ``people`` people."""

    people: int
    activities: int
    largest_kb: float = 0.0
    validate: float = 0.0
    build: float = 0.0
    page_mb: float = 0.0
    index_mb: float = 0.0


def spread(activities: int, people: int, out: Path, runs: int) -> Spread:
    """Validate and build the same ``activities`` over ``people`` people: the largest portfolio, the largest
    person page and the search index come with the times."""
    trust, site = out / f"spread-{activities}-{people}", out / f"spread-site-{activities}-{people}"
    if trust.exists():
        shutil.rmtree(trust)
    synthetic.generate(trust, people, activities=activities)
    row = Spread(people, activities)
    row.largest_kb = max(p.stat().st_size for p in (trust / "portfolios").glob("*.yml")) / 1024
    row.validate = best(runs, [GROWTHSITE, "validate", str(trust)]).seconds
    row.build = best(runs, [GROWTHSITE, "build", str(trust), "--site-dir", str(site)]).seconds
    row.page_mb = max(p.stat().st_size for p in (site / "people").glob("*/index.html")) / 1024 ** 2
    row.index_mb = (site / "search" / "search_index.json").stat().st_size / 1024 ** 2
    return row


def spread_table(rows: list[Spread]) -> list[str]:
    lines = [
        "| people | activities each | largest portfolio | validate | build | largest person page | search index |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r.people:,} | {r.activities / r.people:,.0f} | {r.largest_kb:,.0f} KB | {r.validate:.2f} s | "
                     f"{r.build:.1f} s | {r.page_mb:.2f} MB | {r.index_mb:.1f} MB |")
    if len(rows) > 1:
        few, many = rows[0], rows[-1]
        lines += ["", f"Ratio, {few.people:,} people / {many.people:,} people: validate "
                  f"{few.validate / many.validate:.2f}, build {few.build / many.build:.2f}."]
    return lines


def serve_rebuild(trust: Path, port: int) -> float:
    """Seconds from saving an edited portfolio to ``growthsite serve`` having rebuilt the site."""
    process = subprocess.Popen([GROWTHSITE, "serve", str(trust), "-a", f"127.0.0.1:{port}"], env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    try:
        for line in process.stderr:
            if "Serving on" in line:
                break
        time.sleep(1.0)  # the watcher starts just after the server
        portfolio = sorted((trust / "portfolios").glob("*.yml"))[0]
        started = time.perf_counter()
        with portfolio.open("a", encoding="utf-8") as handle:
            handle.write("# edited for the benchmark\n")
        for line in process.stderr:
            if "Reloading browsers" in line or "Documentation built" in line:
                return time.perf_counter() - started
        raise SystemExit("serve stopped before it rebuilt")
    finally:
        process.terminate()
        process.wait(timeout=30)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def first_search_result(site: Path, query: str) -> tuple[float, float]:
    """(seconds to the search index being ready, seconds to the first result) from opening the home page."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
            box = page.get_by_role("textbox", name="Search")
            box.click()
            page.locator(".md-search-result__meta", has_text="Type to start searching").wait_for(timeout=120_000)
            ready = time.perf_counter() - started
            box.press_sequentially(query)
            page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
            found = time.perf_counter() - started
            browser.close()
            return ready, found
    finally:
        server.shutdown()


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")) / 1024 / 1024
    except (OSError, StopIteration):
        memory = 0.0
    from importlib.metadata import version

    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB RAM; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; MkDocs {version('mkdocs')}, Material {version('mkdocs-material')}, "
            f"mkdocs-macros {version('mkdocs-macros-plugin')}")


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| people | pages | validate | parse floor | ratio | build | plain MkDocs | ratio | per person | "
        "peak RSS (build / plain) | search index | index per person |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.people:,} | {r.pages:,} | {r.validate:.2f} s | {r.floor:.2f} s | {r.validate_ratio:.2f} | "
            f"{r.build:.1f} s | {r.base:.1f} s | {r.build_ratio:.2f} | {r.per_person_ms:.1f} ms | "
            f"{r.rss_mb:.0f} / {r.base_rss_mb:.0f} MB | {r.index_kb / 1024:.1f} MB | "
            f"{r.index_kb / max(r.people, 1):.1f} KB |")
    return lines


def targets(rows: list[Row], smallest: Row | None) -> list[str]:
    by_n = {r.people: r for r in rows}
    lines = ["| target | measured | limit | met |", "|---|---:|---:|---|"]
    for label, metric, n, limit in TARGETS:
        row = by_n.get(n)
        if row is None:
            continue
        if metric == "linearity":
            if smallest is None or not smallest.per_person_ms:
                continue
            value = row.per_person_ms / smallest.per_person_ms
        else:
            value = getattr(row, metric)
        lines.append(f"| {label} | {value:.2f} | {limit:.2f} | {'yes' if value <= limit else '**no**'} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,1000,2000,5000")
    parser.add_argument("--runs", type=int, default=2, help="runs of each measurement; the best counts")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--write", type=Path, help="write the results as Markdown here (e.g. BENCHMARKS.md)")
    parser.add_argument("--serve-at", type=int, default=1000, help="N for the serve rebuild (0: skip)")
    parser.add_argument("--search-at", default="1000,5000", help="N for the search timing ('': skip)")
    parser.add_argument("--big-activities", type=int, default=100_000,
                        help="activities for the one-big-portfolio comparison (0: skip)")
    parser.add_argument("--big-people", default="10,2000", help="the people they are dealt out over, fewest first")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n]
    args.out.mkdir(parents=True, exist_ok=True)

    print(f"machine: {machine()}", flush=True)
    empty = measure(0, args.out, args.runs, None)
    print(f"N = 0 (the demo's pages, no people): build {empty.build:.2f} s, plain MkDocs {empty.base:.2f} s",
          flush=True)
    rows = []
    for n in sizes:
        row = measure(n, args.out, args.runs, empty.build)
        rows.append(row)
        print("\n".join(table([row])[2:]), flush=True)
    notes = []
    if args.serve_at and args.serve_at in sizes:
        seconds = serve_rebuild(args.out / f"trust-{args.serve_at}", 8765)
        notes.append(f"- `growthsite serve` at N = {args.serve_at:,}: the site is rebuilt {seconds:.1f} s after "
                     "one portfolio is saved.")
    searched = [int(n) for n in args.search_at.split(",") if n] if args.search_at else []
    for n in [n for n in searched if n in sizes]:
        if not os.access("/usr/bin/chromium", os.X_OK):
            notes.append(f"- Search in Chromium at N = {n:,}: not measured (no /usr/bin/chromium).")
            continue
        name = re.search(r"^name: (.+)$", next((args.out / f"trust-{n}" / "portfolios").glob("*.yml"))
                         .read_text("utf-8"), re.M)
        ready, found = first_search_result(args.out / f"site-{n}", name.group(1) if name else "reading")
        notes.append(f"- Search in Chromium at N = {n:,}: the index is ready {ready:.1f} s after the home page "
                     f"is opened, and the first result for a person's name shows at {found:.1f} s.")
    spreads = []
    for people in [int(n) for n in args.big_people.split(",") if n] if args.big_activities else []:
        spreads.append(spread(args.big_activities, people, args.out, args.runs))
        print("\n".join(spread_table(spreads[-1:])[2:]), flush=True)
    big = [
        "## One big portfolio", "",
        f"The same {args.big_activities:,} activities (`bench/synthetic.py --activities`), dealt out over "
        f"{' and over '.join(f'{r.people:,}' for r in spreads)} people; each time is the best of {args.runs} runs.", "",
        *spread_table(spreads), "",
    ] if spreads else []

    smallest = rows[0] if rows else None
    report = [
        "# Benchmarks", "",
        f"Measured on {dt.date.today():%d %B %Y} by `make bench` (`python bench/run.py`), in one run on one "
        "machine:", "", f"> {machine()}", "",
        "Every time is the wall clock of a separate process, the best of "
        f"{args.runs} runs. *validate* is `growthsite validate`; the *parse floor* is a Python process that "
        "only parses the same YAML files with PyYAML's C loader. *build* is `growthsite build` (which "
        "validates too); *plain MkDocs* builds the same pages, written out as static Markdown, with the same "
        "theme and plugins but without growthsite. *Per person* is the build time less the build of the same "
        f"trust with nobody in it ({empty.build:.2f} s), divided by N.", "",
        *table(rows), "", "## Targets", "", *targets(rows, smallest), "", "## Also measured", "", *notes, "",
        *big, *EXPLAINED,
    ]
    text = "\n".join(report)
    print("\n" + text)
    if args.write:
        args.write.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
