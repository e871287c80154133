"""Every modal screen of the app, in one place: questions, help, the resume offer,
settings, a new workout's name and the review editors.

Each is imported on first use (PEP 562): a screen that needs one dialog does not pay
for loading the others before its first frame.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trackapp.ui.dialogs.ask_name import AskName as AskName
    from trackapp.ui.dialogs.confirm import (
        ConfirmDelete as ConfirmDelete,
    )
    from trackapp.ui.dialogs.confirm import (
        ConfirmScreen as ConfirmScreen,
    )
    from trackapp.ui.dialogs.keys_help import HelpScreen as HelpScreen
    from trackapp.ui.dialogs.resume import ResumeScreen as ResumeScreen
    from trackapp.ui.dialogs.review import (
        EditEffort as EditEffort,
    )
    from trackapp.ui.dialogs.review import (
        EditNotes as EditNotes,
    )
    from trackapp.ui.dialogs.review import (
        EffortChoice as EffortChoice,
    )
    from trackapp.ui.dialogs.settings import SettingsScreen as SettingsScreen

_MODULE_OF = {
    "AskName": "ask_name",
    "ConfirmDelete": "confirm",
    "ConfirmScreen": "confirm",
    "EditEffort": "review",
    "EditNotes": "review",
    "EffortChoice": "review",
    "HelpScreen": "keys_help",
    "ResumeScreen": "resume",
    "SettingsScreen": "settings",
}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
