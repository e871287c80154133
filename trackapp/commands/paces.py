"""`trackapp paces RACE [--json]`: VDOT, equivalent races and training paces from one race.

The table a coach pins up: from a race (``"5K 20:00"``) the VDOT, the equivalent
times from 800 m to the marathon, the E, M, T, I and R paces per km and per mile,
and each as rep times over the track distances. The model is in
`trackapp.domain.vdot`; `--json` gives the same numbers unrounded.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from trackapp.domain import format as fmt
from trackapp.domain import vdot as vd
from trackapp.domain.text import printable

DESCRIPTION = """\
From one race result, print its VDOT (Daniels and Gilbert), the equivalent
times from 800 m to the marathon, and the training paces E (easy), M
(marathon), T (threshold), I (interval) and R (repetition) per km, per mile
and as rep times for 200 m to 1600 m.
"""

EPILOG = f"""\
RACE is a distance then a time, e.g. {vd.RACE_EXAMPLE}, "3000m 10:40";
any race from 800 m to the marathon. With --json the same figures are printed
as one JSON object, unrounded (seconds, metres, seconds per metre).
Exit status: 0, 1 for a race the model cannot use, 2 for a usage error.
"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "paces",
        help="VDOT, equivalent race times and training paces from a race",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("race", metavar="RACE", nargs="+", help='a race result, e.g. "5K 20:00"')
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    text = " ".join(args.race)
    try:
        race = vd.parse_race(text)
    except ValueError as err:
        print(printable(f"trackapp paces: {err}"), file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(to_json(race), allow_nan=False))
    else:
        sys.stdout.write(printable(table(race)))
    return 0


def _rep(seconds: float) -> str:
    return fmt.clock(seconds)


def _rep_range(fast: float, slow: float, metres: float) -> str:
    low, high = _rep(fast * metres), _rep(slow * metres)
    return low if low == high else f"{low}-{high}"


def table(race: vd.Race) -> str:
    """The human form, plain text (fine in a pipe)."""
    lines = [f"{race.text}: VDOT {race.vdot:.1f}", "", "Equivalent races"]
    for name, metres in vd.EQUIVALENTS:
        seconds = race.equivalent(metres)
        per_metre = seconds / metres
        lines.append(
            f"  {name:<9} {fmt.clock(seconds):>8}   {fmt.pace(per_metre, 'km'):>9}"
            f"   {fmt.pace(per_metre, 'mi'):>9}"
        )
    paces = race.training()
    lines += ["", "Training paces"]
    for name in vd.TRAINING_NAMES:
        fast, slow = paces[name]
        lines.append(
            f"  {name}  {vd.TRAINING_WORDS[name]:<11}{fmt.pace_range(fast, slow, 'km'):>13}"
            f"   {fmt.pace_range(fast, slow, 'mi'):>14}"
        )
    lines += ["", "Rep times", "  " + " " * 6 + "".join(f"{n:>12}" for n in vd.TRAINING_NAMES)]
    for metres in vd.REP_DISTANCES:
        cells = "".join(f"{_rep_range(*paces[n], metres):>12}" for n in vd.TRAINING_NAMES)
        lines.append(f"  {fmt.distance(metres):<6}{cells}")
    lines += [
        "",
        "Daniels & Gilbert's VDOT; the times and paces match the tables of",
        "Daniels' Running Formula (3rd ed.).",
    ]
    return "\n".join(lines) + "\n"


def to_json(race: vd.Race) -> dict[str, Any]:
    """The same figures, exact: seconds, metres, seconds per metre."""
    paces = race.training()
    return {
        "race": {"text": race.text, "distance": race.metres, "time": race.seconds},
        "vdot": race.vdot,
        "equivalents": [
            {
                "name": name,
                "distance": metres,
                "time": race.equivalent(metres),
                "pace_per_km": race.equivalent(metres) / metres * 1000.0,
                "pace_per_mile": race.equivalent(metres) / metres * fmt.METRES_PER_MILE,
            }
            for name, metres in vd.EQUIVALENTS
        ],
        "paces": {
            name: {
                "name": vd.TRAINING_WORDS[name],
                "per_metre": [fast, slow],
                "per_km": [fast * 1000.0, slow * 1000.0],
                "per_mile": [fast * fmt.METRES_PER_MILE, slow * fmt.METRES_PER_MILE],
                "reps": {
                    f"{metres:g}": [fast * metres, slow * metres] for metres in vd.REP_DISTANCES
                },
            }
            for name, (fast, slow) in paces.items()
        },
    }
