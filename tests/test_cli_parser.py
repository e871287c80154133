"""`trackapp` imports only the module of the command it runs; the help of the others
comes from cli.SUBCOMMANDS, which must say what each module says of itself."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from trackapp.cli import SUBCOMMANDS, build_parser


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    [action] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {choice.dest: str(choice.help) for choice in action._choices_actions}


def test_the_summaries_are_the_modules_own() -> None:
    assert _helps(build_parser([], every=True)) == SUBCOMMANDS


@pytest.mark.parametrize("name", sorted(SUBCOMMANDS))
def test_the_named_command_gets_its_whole_parser(name: str) -> None:
    [action] = [
        a for a in build_parser([name])._actions if isinstance(a, argparse._SubParsersAction)
    ]
    full = {n for n, sub in action.choices.items() if sub.get_default("handler") is not None}
    assert full == {name}


def test_running_a_command_imports_no_other_command() -> None:
    code = (
        "import sys\n"
        "from trackapp.cli import build_parser\n"
        "build_parser(['paces', '5K 20:00'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('trackapp.commands.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['trackapp.commands.paces']"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser(["--help"]).parse_args(["--help"])
    shown = capsys.readouterr().out
    for name, summary in SUBCOMMANDS.items():
        assert name in shown and summary[:30] in " ".join(shown.split())
