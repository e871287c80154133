"""The settings a runner may change without a text editor: debounce, volume, voice, mute.

They go to the same TOML file as the theme (chosen in the palette), in the
config directory, and take effect at once where the sound player allows.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, Switch

from trackapp.services import Services
from trackapp.settings import Settings


def parse_settings_form(debounce: str, volume: str) -> tuple[float, float]:
    """Seconds and a 0-1 volume from the form's text; ValueError says what to type."""
    try:
        seconds = float(debounce.strip().removesuffix("s").strip())
    except ValueError:
        raise ValueError("Debounce is a number of seconds, e.g. 1 or 0.5") from None
    if not 0 <= seconds <= 10:
        raise ValueError("Debounce is from 0 to 10 seconds")
    try:
        percent = float(volume.strip().removesuffix("%").strip())
    except ValueError:
        raise ValueError("Volume is a percentage from 0 to 100") from None
    if not 0 <= percent <= 100:
        raise ValueError("Volume is a percentage from 0 to 100")
    return seconds, percent / 100


class SettingsScreen(ModalScreen[bool]):
    """Edits the settings file; Escape leaves it unchanged."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services

    def compose(self) -> ComposeResult:
        s = self.services.settings
        with Vertical(classes="dialog", id="settings-dialog"):
            yield Static("Settings", classes="dialog-title")
            with Horizontal(classes="settings-row"):
                yield Label("Debounce (s)", classes="settings-label")
                yield Input(f"{s.debounce:g}", id="settings-debounce")
            with Horizontal(classes="settings-row"):
                yield Label("Volume (%)", classes="settings-label")
                yield Input(f"{round(s.volume * 100)}", id="settings-volume")
            with Horizontal(classes="settings-row"):
                yield Label("Voice", classes="settings-label")
                yield Switch(s.voice, id="settings-voice")
            with Horizontal(classes="settings-row"):
                yield Label("Start muted", classes="settings-label")
                yield Switch(s.muted, id="settings-muted")
            yield Static(
                "A second press sooner than the debounce is ignored. "
                "The theme is chosen with ctrl+p → Theme.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.save()

    def save(self) -> None:
        try:
            debounce, volume = parse_settings_form(
                self.query_one("#settings-debounce", Input).value,
                self.query_one("#settings-volume", Input).value,
            )
        except ValueError as err:
            self.notify(str(err), severity="warning")
            return
        voice = self.query_one("#settings-voice", Switch).value
        muted = self.query_one("#settings-muted", Switch).value
        path = self.services.config_dir / "settings.toml"
        saved = Settings.load(path)
        for target in (saved, self.services.settings):
            target.debounce, target.volume, target.voice, target.muted = (
                debounce,
                volume,
                voice,
                muted,
            )
        try:
            saved.save(path)
        except OSError as err:
            self.notify(f"Could not save the settings: {err.strerror or err}", severity="error")
            return
        audio = self.services.audio
        if hasattr(audio, "volume"):
            audio.volume = volume
        if hasattr(audio, "voice_enabled"):
            audio.voice_enabled = voice
        self.notify("Settings saved", timeout=2)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
