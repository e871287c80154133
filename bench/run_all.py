"""Run every benchmark in bench/, one after the other, each as its own process.

    .venv/bin/python bench/run_all.py [--quick]

Runs every `bench/bench_*.py` there is (whichever exist), in name order, with the
interpreter running this script; each writes bench/results/<name>.json, and
`bench/report.py` then writes the README's table from those files. `--quick` passes
each known script its short options (when the script still has them) and
`--no-write`, so a quick check never replaces the recorded results. A failing
benchmark is reported and the others still run; the exit status is non-zero when
any failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Options that make a benchmark quick, for the ones that have them.
QUICK: dict[str, list[str]] = {
    "bench_cpu.py": ["--round-seconds", "6"],
    "bench_split_error.py": ["--presses", "10"],
    "bench_startup.py": ["--runs", "5", "--loaded-runs", "0"],
    "bench_history.py": ["--sessions", "300"],
    "bench_cues.py": ["--rounds", "2"],
    "bench_group.py": ["--rounds", "2", "--round-seconds", "6"],
    "bench_suite.py": ["--rounds", "1"],
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, for a quick check")
    args = parser.parse_args(argv)

    scripts = sorted(HERE.glob("bench_*.py"))
    failed: list[str] = []
    for script in scripts:
        extra = QUICK.get(script.name, []) if args.quick else []
        text = script.read_text(encoding="utf-8")
        if extra and extra[0] not in text:
            extra = []  # that script has no such option (any more)
        if args.quick and "--no-write" in text:
            extra = [*extra, "--no-write"]
        print(f"=== {script.name} {' '.join(extra)}".rstrip(), flush=True)
        started = time.monotonic()
        done = subprocess.run([sys.executable, str(script), *extra], check=False)
        took = time.monotonic() - started
        if done.returncode != 0:
            failed.append(script.name)
            print(f"--- {script.name} FAILED (exit {done.returncode}) after {took:.0f} s")
        else:
            print(f"--- {script.name} took {took:.0f} s")
        print(flush=True)
    if failed:
        print("failed:", ", ".join(failed))
        return 1
    if not args.quick:
        print(f"results in {HERE / 'results'}; `python bench/report.py` puts them in README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
