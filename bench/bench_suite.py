"""How long does `make test`'s unit and Pilot pass take, and how fast was the machine then?

    .venv/bin/python bench/bench_suite.py [--rounds 5] [--no-write]

Each round runs that pass as `make test` runs it (the Makefile's own selection, both
cores, bytecode written) and, just before and just after it, a reference: the same
kind of work with no trackapp in it, in two processes at once, one per core (a plain
Textual app with a table, started twelve times and driven with keys through Pilot,
waiting for idle as the suite does, no animations), which takes longer whenever the
machine is slower. The round's reference is the mean of the two. (A pure-Python loop
was tried first: on this shared machine the suite slowed by a third while the loop
did not, so it said nothing about the round.)
The pass's wall time is the figure its goal is about (under 25 s on 2 cores). The
ratio to the reference, round by round, is the pass in units of the machine's speed at
the time: on a shared machine whose speed comes and goes, a slow round shows as a slow
reference, not as a slower suite.

Writes bench/results/suite.json; asserts nothing (a failing pass stops it).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

ROOT = benchlib.ROOT
GOAL_S = 25.0
REFERENCE = """
import asyncio
from textual.app import App
from textual.widgets import DataTable, Footer, Header, Static

from tests.support import pilot_wait

pilot_wait.install()  # Pilot waits as in the suite (tests/conftest.py)


class Reference(App[None]):
    def compose(self):
        yield Header()
        yield Static("reference " * 40, id="top")
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("a", "b", "c", "d")
        table.add_rows([(str(i), "x" * (i % 17), f"{i * 1.5:.1f}", "row") for i in range(200)])


async def main():
    for _ in range(12):
        app = Reference()
        async with app.run_test(size=(120, 40)) as pilot:
            for key in ["down"] * 15 + ["pagedown", "end", "home"]:
                await pilot.press(key)
            app.query_one("#top", Static).update("changed " * 30)
            await pilot.pause()


asyncio.run(main())
"""


def unit_selection() -> str:
    """The marker expression of `make test`'s first pass, read from the Makefile."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(r"^UNIT_TESTS := (.+)$", text, re.MULTILINE)
    if found is None:
        raise SystemExit("Makefile: no UNIT_TESTS line")
    return found.group(1).strip()


def reference() -> float:
    """Seconds for the reference work on both cores at once."""
    env = {**os.environ, "TEXTUAL_ANIMATIONS": "none"}
    t0 = time.perf_counter()
    runs = [
        subprocess.Popen([sys.executable, "-c", REFERENCE], cwd=ROOT, env=env) for _ in range(2)
    ]
    for run in runs:
        if run.wait() != 0:
            raise SystemExit("the reference work failed")
    return time.perf_counter() - t0


def unit_pass(selection: str) -> tuple[float, str]:
    """Seconds for the pass, and pytest's last line."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cmd = [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "worksteal"]
    t0 = time.perf_counter()
    done = subprocess.run(
        [*cmd, "-m", selection], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    took = time.perf_counter() - t0
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-2000:])
        raise SystemExit(f"the unit pass failed (exit {done.returncode}): {last}")
    return took, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    rounds = max(args.rounds, 1)
    selection = unit_selection()
    load_before = benchlib.load_average()
    passes: list[float] = []
    references: list[float] = []
    said = ""
    for i in range(rounds):
        before = reference()
        took, said = unit_pass(selection)
        after = reference()
        references.append((before + after) / 2)
        passes.append(took)
        print(
            f"round {i + 1}: reference {before:.2f} s before, {after:.2f} s after; "
            f"unit pass {took:.1f} s ({said})"
        )
    rows = [
        benchlib.seconds_row(
            f"`make test`'s unit and Pilot pass, 2 cores ({said.split(' in ')[0]})",
            passes,
            references,
            "a plain Textual app driven by Pilot, on each core",
            GOAL_S,
        )
    ]
    print(f"{rounds} rounds; load before {load_before}, after {benchlib.load_average()}")
    benchlib.print_rows(rows)
    if not args.no_write:
        benchlib.write_result(
            "suite",
            "The unit and Pilot pass of make test",
            rows,
            params={"rounds": rounds, "selection": selection},
            notes=[
                "Wall time of the whole pass, workers' start included, as `make test` runs it;"
                " the reference is the mean of its runs just before and just after each round."
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
