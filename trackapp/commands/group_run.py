"""`trackapp run WORKOUT --roster FILE | --athletes "Ana,Ben"`: coach mode, a group run.

Each athlete runs the workout with their own paces (the roster's `paces` over the
workout's `[paces]`, their `race` over its `from`), so each row's targets are theirs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from trackapp.commands._app import run_app
from trackapp.domain.group import GroupAthlete
from trackapp.domain.loader import WorkoutError
from trackapp.domain.roster import Roster, RosterError, athlete_plan, roster_from_names
from trackapp.domain.text import printable
from trackapp.services import Services
from trackapp.storage.roster_files import load_roster
from trackapp.storage.workout_files import read_workout_text

DEFAULT_GROUP_NAME = "group"  # a names-only group (--athletes) has no roster name


def load_group(args: argparse.Namespace) -> tuple[str, list[GroupAthlete]]:
    """The group's name and its athletes with their own plans; RosterError or WorkoutError
    (naming the athlete whose paces fail) when something is wrong."""
    roster: Roster
    if args.roster is not None:
        roster = load_roster(Path(args.roster), args.roster)
    else:
        roster = roster_from_names(args.athletes)
    text = read_workout_text(Path(args.file), args.file)
    athletes = [
        GroupAthlete(a.name, a.key, athlete_plan(text, a, args.file)) for a in roster.athletes
    ]
    return roster.name or DEFAULT_GROUP_NAME, athletes


def handle_group(args: argparse.Namespace, services: Services) -> int:
    from trackapp.ui.factory import build_group_app

    try:
        name, athletes = load_group(args)
    except RosterError as err:
        print(printable(err.format(args.roster or "--athletes")), file=sys.stderr)
        return 1
    except WorkoutError as err:
        print(printable(err.format(args.file)), file=sys.stderr)
        return 1
    return run_app(build_group_app(services, athletes, name=name))
