"""Kill -9 the real ``growthsite import`` and ``growthsite retention --apply`` at random moments.

After each kill the next command (``growthsite validate``) must leave every file of the data folder
either as it was before or as an unkilled run leaves it, across all files at once, with no temporary
file or journal left behind. The kill moments are seeded and spread three ways, so that some land
while the temporary files are written, some while they are renamed, and some anywhere in the run:

- ``time``: a delay from the start, up to 1.2 times an unkilled run;
- ``temps``: just after the first temporary file appears beside the portfolios;
- ``journal``: just after the journal appears (the renames are then under way).

Where a kill landed is read from the folder it left: a journal means during the renames; otherwise
the files are all old (before) or all new (after).

``make killtest`` runs 20 kills of each; ``tests/test_killtest.py`` runs a few in the normal suite.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROWTHSITE = str(Path(sys.executable).with_name("growthsite"))
JOURNAL = ".growthsite-journal.json"
TRIGGERS = ("time", "temps", "journal")
WHERE = ("before", "during", "after")


@dataclass(frozen=True)
class Scenario:
    name: str
    command: Callable[[Path], list[str]]
    """The command's arguments, given the data folder."""
    today: str
    what: str
    """The kind of write, as recovery names it."""


def _import_rows(work: Path) -> Path:
    """One new activity for every portfolio of the demo."""
    rows = ["person,type,role,title,date"]
    rows += [f"{p.stem},staff-meeting,lead,Interrupted import test for {p.stem},2026-11-20"
             for p in sorted((ROOT / "portfolios").glob("*.yml"))]
    path = work / "rows.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


def scenarios(work: Path) -> list[Scenario]:
    rows = _import_rows(work)
    return [
        Scenario("import", lambda data: ["import", str(rows), str(data)], "2026-11-24", "import"),
        # In 2032 every cycle up to 2025-26 is past six years' retention: 29 cycles in 26 files of the demo.
        Scenario("retention", lambda data: ["retention", "--apply", str(data)], "2032-09-02", "retention deletion"),
    ]


def demo_copy(target: Path) -> Path:
    for folder in ("framework", "portfolios"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, hidden ones included."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _env(today: str) -> dict[str, str]:
    return {**os.environ, "GROWTHSITE_TODAY": today}


@dataclass(frozen=True)
class Reference:
    before: dict[str, bytes]
    after: dict[str, bytes]
    seconds: float


def reference(scenario: Scenario, base: Path, work: Path) -> Reference:
    """An unkilled run: what the files become, and how long it takes."""
    data = work / f"{scenario.name}-reference"
    shutil.copytree(base, data)
    started = time.perf_counter()
    result = subprocess.run([GROWTHSITE, *scenario.command(data)], env=_env(scenario.today), capture_output=True,
                            text=True, timeout=120, check=False)
    seconds = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    after = snapshot(data)
    before = snapshot(base)
    changed = [p for p in before if before[p] != after.get(p)]
    assert len(changed) > 10 and set(after) == set(before), "the run should change many files and add none"
    return Reference(before, after, seconds)


@dataclass(frozen=True)
class Kill:
    trigger: str
    where: str
    """before, during or after the renames."""
    finished_first: bool
    """The command had ended before the kill (a kill that came too late)."""
    said: str
    """The first line the next command wrote, if it said what it recovered."""


def _seen(data: Path, trigger: str) -> bool:
    if trigger == "journal":
        return (data / JOURNAL).exists()
    with os.scandir(data / "portfolios") as entries:
        return any(_temporary(e.name) for e in entries)


def _temporary(name: str) -> bool:
    """A temporary file of ours, of any version: ``.growthsite-import-….tmp``, ``.import-….tmp``."""
    return name.startswith(".") and name.endswith(".tmp")


def kill_once(scenario: Scenario, ref: Reference, base: Path, data: Path, trigger: str, rng: random.Random) -> Kill:
    """Copy ``base`` to ``data``, run the command, kill it by ``trigger``, recover, and check the files."""
    shutil.copytree(base, data)
    env = _env(scenario.today)
    process = subprocess.Popen([GROWTHSITE, *scenario.command(data)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = time.perf_counter()
    if trigger == "time":
        deadline = started + rng.uniform(0, 1.2 * ref.seconds)
    else:
        deadline = started + 60
        while process.poll() is None and not _seen(data, trigger) and time.perf_counter() < deadline:
            pass
        deadline = time.perf_counter() + (rng.uniform(0, 0.003) if trigger == "temps" else rng.uniform(0, 0.0005))
    while process.poll() is None and time.perf_counter() < deadline:
        pass
    finished_first = process.poll() is not None
    if not finished_first:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)

    left = snapshot(data)
    files = {p: b for p, b in left.items() if not _temporary(Path(p).name) and p != JOURNAL}
    if JOURNAL in left:
        where = "during"
    elif files == ref.before:
        where = "before"
    elif files == ref.after:
        where = "after"
    else:  # what the journal prevents: some files replaced and others not
        new = sum(files.get(p) == ref.after[p] != ref.before[p] for p in ref.before)
        changed = sum(ref.after[p] != ref.before[p] for p in ref.before)
        raise AssertionError(f"{scenario.name}, killed by {trigger}: {new} of {changed} files were written and "
                             f"the others not, with no journal to finish them; "
                             f"{sum(_temporary(Path(p).name) for p in left)} temporary files left")

    checked = subprocess.run([GROWTHSITE, "validate", str(data)], env=env, capture_output=True, text=True,
                             timeout=120, check=False)
    assert checked.returncode == 0, checked.stderr
    now = snapshot(data)
    assert now in (ref.before, ref.after), (
        f"{scenario.name}, killed by {trigger} ({where}): after recovery the files are neither all old nor all new; "
        f"left: {sorted(p for p in now if p not in ref.before)}")
    said = checked.stderr.splitlines()[0] if checked.stderr.startswith(("finished", "undid")) else ""
    if where == "during":
        assert now == ref.after and said.startswith(f"finished an interrupted {scenario.what} of "), said
    elif any(_temporary(Path(p).name) for p in left):
        assert now == ref.before and said == f"undid an interrupted {scenario.what}: no file was changed", said
    else:
        assert said == "", said
    return Kill(trigger, where, finished_first, said)


def run(kills: int, seed: int, work: Path, out: Callable[[str], None] = print) -> dict[str, list[Kill]]:
    """``kills`` kills of each command, triggers taken in turn; returns every kill, by command."""
    rng = random.Random(seed)
    base = demo_copy(work / "base")
    found: dict[str, list[Kill]] = {}
    for scenario in scenarios(work):
        ref = reference(scenario, base, work)
        found[scenario.name] = []
        for i in range(kills):
            kill = kill_once(scenario, ref, base, work / f"{scenario.name}-{i}", TRIGGERS[i % len(TRIGGERS)], rng)
            found[scenario.name].append(kill)
            shutil.rmtree(work / f"{scenario.name}-{i}")
        where = Counter(k.where for k in found[scenario.name])
        undone = sum(k.said.startswith("undid") for k in found[scenario.name])
        late = sum(k.finished_first for k in found[scenario.name])
        out(f"{scenario.name}: {kills} kills (unkilled run {ref.seconds:.2f}s): "
            + ", ".join(f"{where[w]} {w} the renames" for w in WHERE)
            + f" ({undone} of the 'before' left temporary files to undo; {late} of the 'after' came once the "
            "command had ended); every file all old or all new, no temporary file or journal left")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="kills of each command")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--work", type=Path, help="a new folder to work in (default: a temporary one)")
    args = parser.parse_args()
    if args.work:
        args.work.mkdir(parents=True)
        run(args.kills, args.seed, args.work)
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="growthsite-killtest-") as work:
        found = run(args.kills, args.seed, Path(work))
    during = {name: sum(k.where == "during" for k in kills) for name, kills in found.items()}
    if not all(during.values()):
        sys.exit(f"no kill landed during the renames of {[n for n, d in during.items() if not d]}: run again")


if __name__ == "__main__":
    main()
