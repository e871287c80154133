"""Run every benchmark in bench/, one after the other, each as its own process.

    .venv/bin/python bench/run_all.py [--quick]

Runs every `bench/bench_*.py` there is (whichever exist), in name order, with the
interpreter running this script. `--quick` passes each known script its short
option (when the script still has it). A failing benchmark is reported and the
others still run; the exit status is non-zero when any failed.
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
    "bench_cpu.py": ["--seconds", "10"],
    "bench_split_error.py": ["--presses", "20"],
    "bench_startup.py": ["--runs", "3"],
    "bench_history.py": ["--sessions", "300"],
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, for a quick check")
    args = parser.parse_args(argv)

    scripts = sorted(HERE.glob("bench_*.py"))
    failed: list[str] = []
    for script in scripts:
        extra = QUICK.get(script.name, []) if args.quick else []
        if extra and extra[0] not in script.read_text(encoding="utf-8"):
            extra = []  # that script has no such option (any more)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
