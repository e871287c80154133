"""One composition root: the commands build services from typed options, and nothing
else falls back to the user's real data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from trackapp.commands.run import RunOptions, build_services
from trackapp.services import Services, SilentCues
from trackapp.ui.factory import build_app
from trackapp.ui.screens.base import ServicesScreen


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    data, config = tmp_path / "data", tmp_path / "config"
    monkeypatch.setenv("TRACKAPP_DATA_DIR", str(data))
    monkeypatch.setenv("TRACKAPP_CONFIG_DIR", str(config))
    return data, config


def test_services_need_their_folders() -> None:
    with pytest.raises(TypeError):
        Services()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Services(data_dir=Path("d"))  # type: ignore[call-arg]


def test_for_user_reads_the_user_folders(user_dirs: tuple[Path, Path]) -> None:
    services = Services.for_user()
    assert (services.data_dir, services.config_dir) == user_dirs


def test_build_services_from_typed_options(user_dirs: tuple[Path, Path]) -> None:
    data, config = user_dirs
    config.mkdir()
    (config / "settings.toml").write_text("debounce = 2.0\n")
    services = build_services(RunOptions(no_sound=True))
    assert services.data_dir == data
    assert services.settings.debounce == 2.0
    assert isinstance(services.audio, SilentCues)
    assert build_services(RunOptions(debounce=0.25, no_sound=True)).settings.debounce == 0.25
    assert build_services(RunOptions(debounce=-1.0, no_sound=True)).settings.debounce == 0.0


async def test_a_screen_uses_the_apps_services(tmp_path: Path) -> None:
    services = Services(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    screen = ServicesScreen()
    app = build_app(services, first_screen=screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert screen.services is services
