"""FIT files read back with Garmin's own decoder (`garmin-fit-sdk`), and what every
exported file must show against the session it came from."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from garmin_fit_sdk import Decoder, Stream

from trackapp.domain.session import SessionRecord

MS = 0.001  # the FIT times' resolution: what "within a millisecond" allows
CM = 0.01


@dataclass
class Decoded:
    messages: dict[str, list[dict[str, Any]]]
    order: list[tuple[str, dict[str, Any]]]  # every message as the file holds them

    def one(self, kind: str) -> dict[str, Any]:
        found = self.messages[f"{kind}_mesgs"]
        assert len(found) == 1, f"{len(found)} {kind} messages"
        return found[0]

    def all(self, kind: str) -> list[dict[str, Any]]:
        return self.messages.get(f"{kind}_mesgs", [])


def decode(data: bytes) -> Decoded:
    """The file decoded, after the checks every file must pass: it is FIT, its CRCs and
    integrity hold, and the decoder reports no error."""
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    order: list[tuple[str, dict[str, Any]]] = []
    names = {num: name for name, num in _mesg_nums().items()}

    def listen(num: int, mesg: dict[str, Any]) -> None:
        order.append((names.get(num, str(num)), dict(mesg)))

    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read(
        enable_crc_check=True, mesg_listener=listen
    )
    assert errors == [], errors
    return Decoded({k: cast(list[dict[str, Any]], v) for k, v in messages.items()}, order)


def _mesg_nums() -> dict[str, int]:
    from garmin_fit_sdk import Profile

    return {name.lower(): num for name, num in Profile["mesg_num"].items()}


def utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def whole_second(value: datetime) -> datetime:
    """A FIT date: whole seconds, rounded down."""
    epoch = datetime(1989, 12, 31, tzinfo=UTC)
    return epoch + timedelta(seconds=math.floor((utc(value) - epoch).total_seconds()))


def expected_distance(seg: Any) -> float | None:
    """A distance segment run to its end covers its distance; otherwise at most that."""
    if seg.distance is not None and seg.ended_by in ("press", "timer"):
        return float(seg.distance)
    return None


def check_against(decoded: Decoded, record: SessionRecord) -> None:
    """Everything the issue asks of a file, against its session."""
    file_id = decoded.one("file_id")
    assert file_id["type"] == "activity"
    assert file_id["manufacturer"] == "development"
    session = decoded.one("session")
    assert session["sport"] == "running" and session["sub_sport"] == "track"
    assert session["start_time"] == whole_second(record.started)
    activity = decoded.one("activity")
    assert activity["num_sessions"] == 1

    laps = decoded.all("lap")
    assert len(laps) == len(record.segments) == session["num_laps"]
    intensity = {"warmup": "warmup", "run": "active", "rest": "rest", "cooldown": "cooldown"}
    distance = 0.0
    for lap, seg in zip(laps, record.segments, strict=True):
        assert abs(lap["total_timer_time"] - seg.time) <= MS, (lap, seg)
        assert lap["total_elapsed_time"] >= lap["total_timer_time"] - MS
        assert lap["intensity"] == intensity[seg.kind]
        assert lap["lap_trigger"] in ("manual", "time", "session_end")
        want = expected_distance(seg)
        if want is not None:
            assert abs(lap["total_distance"] - want) <= CM, (lap, seg)
        elif "total_distance" in lap:
            assert seg.distance is not None and lap["total_distance"] <= seg.distance + CM
        distance += lap.get("total_distance", 0.0)
    timer = math.fsum(seg.time for seg in record.segments)
    assert abs(session["total_timer_time"] - timer) <= MS
    assert abs(activity["total_timer_time"] - timer) <= MS
    assert abs(session.get("total_distance", 0.0) - distance) <= CM * len(laps)
    # elapsed is timer time, every paused second (placed or not) and the waits between
    # segments (at the line after a warm-up)
    paused = max(record.paused, 0.0)
    ordered = sorted(record.segments, key=lambda s: s.start)
    waits = sum(max(b.start - (a.start + a.time), 0.0) for a, b in itertools.pairwise(ordered))
    want = timer + paused + waits
    assert abs(session["total_elapsed_time"] - want) <= MS * (len(laps) + 2)

    events = [e for e in decoded.all("event") if e["event"] == "timer"]
    kinds = [e["event_type"] for e in events]
    assert kinds[0] == "start" and kinds[-1] == "stop_all"
    assert kinds[1:-1] == ["stop_all", "start"] * ((len(kinds) - 2) // 2)
    records = decoded.all("record")
    assert records, "Strava and Garmin Connect want records"
    distances = [r.get("distance", 0.0) for r in records]
    assert distances == sorted(distances)
    assert abs(distances[-1] - distance) <= CM * len(laps)  # each lap rounded to the cm
    stamps = [m["timestamp"] for _, m in decoded.order if "timestamp" in m]
    stamps = [s for s in stamps if isinstance(s, datetime)]
    assert stamps == sorted(stamps), "messages with timestamps in time order"
