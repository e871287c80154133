"""`trackapp run WORKOUT --roster FILE | --athletes "Ana,Ben"`: coach mode, a group run."""

from __future__ import annotations

import argparse
import sys

from trackapp.commands._app import run_app
from trackapp.domain.group import GroupAthlete
from trackapp.domain.plan import Plan
from trackapp.services import Services

# Keys an athlete may not have: the group screen's own (Space and Enter start a rep,
# p pauses, m mutes, n skips, q stops, u/x/X then a key undo or take an athlete out).
SCREEN_KEYS = frozenset(" pmnquxX?")
NAME_KEYS = "1234567890abcdefghijklorstvwyz"


def athletes_from_names(text: str, plan: Plan) -> list[GroupAthlete]:
    """`Ana,Ben`: one athlete each, keys 1, 2, … in order, everyone on the workout's plan."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    keys = [k for k in NAME_KEYS if k not in SCREEN_KEYS]
    if not names:
        raise ValueError('--athletes: no names (give them as "Ana,Ben,Cy")')
    if len(names) > len(keys):
        raise ValueError(f"--athletes: at most {len(keys)} athletes")
    return [GroupAthlete(name, key, plan) for name, key in zip(names, keys, strict=False)]


def handle_group(args: argparse.Namespace, plan: Plan, services: Services) -> int:
    from trackapp.ui.factory import build_group_app

    try:
        if args.athletes is not None:
            athletes = athletes_from_names(args.athletes, plan)
            name = "group"
        else:
            print("--roster: not available yet", file=sys.stderr)
            return 2
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    return run_app(build_group_app(services, athletes, name=name))
