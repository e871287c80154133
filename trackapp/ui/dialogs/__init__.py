"""Every modal screen of the app, in one place: questions, help, the resume offer,
settings, a new workout's name and the review editors."""

from trackapp.ui.dialogs.ask_name import AskName
from trackapp.ui.dialogs.confirm import ConfirmDelete, ConfirmScreen
from trackapp.ui.dialogs.keys_help import HelpScreen
from trackapp.ui.dialogs.resume import ResumeScreen
from trackapp.ui.dialogs.review import EditEffort, EditNotes, EffortChoice
from trackapp.ui.dialogs.settings import SettingsScreen

__all__ = [
    "AskName",
    "ConfirmDelete",
    "ConfirmScreen",
    "EditEffort",
    "EditNotes",
    "EffortChoice",
    "HelpScreen",
    "ResumeScreen",
    "SettingsScreen",
]
