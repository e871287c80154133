"""A FIT activity file, written with Garmin's own SDK (`garmin-fit-sdk`'s Encoder).

The messages come from `fit_activity`; this module only orders and encodes them, as
Garmin's "Encoding FIT Activity Files" recipe does: file id, device info, the timer's
start, then in time order the records, the pauses' stop/start pairs and each lap as it
ends, the timer's stop, the session and the activity ("summary last", what watches write).

File id: manufacturer `development` (255) and product 0, the recipe's choice for a
program that is not a registered device; the product name says trackapp. The serial
number comes from the session's start and workout, so the same session exported twice is
the same file to a tool that checks for duplicates (Garmin Connect, Strava).
"""

from __future__ import annotations

import itertools
import math
import zlib
from datetime import UTC, datetime, timedelta
from typing import Any

from garmin_fit_sdk import Encoder, Profile

from trackapp.domain.session import SessionRecord
from trackapp.export.fit_activity import (
    FitActivity,
    FitEvent,
    FitExportError,
    FitLap,
    FitRecord,
    fit_activity,
)

PRODUCT_NAME = "trackapp"
FIT_EPOCH = datetime(1989, 12, 31, tzinfo=UTC)
# FIT dates are uint32 seconds since FIT_EPOCH; below 0x10000000 a value means seconds
# since the device powered on, not a date
MIN_TIMESTAMP = 0x10000000
MAX_TIMESTAMP = 0xFFFFFFFE
MAX_SECONDS = 0xFFFFFFFE / 1000  # total_*_time: uint32 in milliseconds (49.7 days)
MAX_METRES = 0xFFFFFFFE / 100  # distance: uint32 in centimetres
MAX_LAPS = 0xFFFE  # message_index and num_laps: uint16
MAX_NAME_BYTES = 64
MAX_SPEED = 0xFFFE / 1000  # speed: uint16 in mm/s
_MESG = Profile["mesg_num"]


def session_fit(record: SessionRecord) -> bytes:
    """The FIT activity file of a session; raises FitExportError when FIT cannot hold it."""
    return fit_bytes(fit_activity(record), serial_for(record), _offset(record.started))


def serial_for(record: SessionRecord) -> int:
    """A serial number (uint32z: never 0) that names this session."""
    key = f"{record.started.isoformat()}|{record.workout}".encode()
    return zlib.crc32(key) or 1


def fit_bytes(activity: FitActivity, serial: int = 1, utc_offset: float = 0.0) -> bytes:
    """The encoded file; `utc_offset` (seconds) gives the activity's local timestamp."""
    _check(activity)
    encoder = Encoder()
    start = fit_time(activity.start)
    encoder.write_mesg(
        {
            "mesg_num": _MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "development",
            "product": 0,
            "serial_number": serial,
            "time_created": start,
            "product_name": PRODUCT_NAME,
        }
    )
    encoder.write_mesg(
        {
            "mesg_num": _MESG["DEVICE_INFO"],
            "timestamp": start,
            "device_index": "creator",
            "manufacturer": "development",
            "product": 0,
            "serial_number": serial,
            "product_name": PRODUCT_NAME,
        }
    )
    first, *middle, last = activity.events
    encoder.write_mesg(_event(first))
    # in time order, to the millisecond (instants a microsecond apart are one instant);
    # at one instant: the record, the timer's event, then the lap that ends there
    timed: list[tuple[float, int, int, dict[str, Any]]] = []
    timed += [(_ms(r.at), 0, i, _record(r)) for i, r in enumerate(activity.records)]
    timed += [(_ms(e.at), 1, i, _event(e)) for i, e in enumerate(middle)]
    ends = list(itertools.accumulate((lap.end for lap in activity.laps), max))
    # laps stay in the session's order: a lap that begins at the millisecond its
    # predecessor ends (times are rounded apart) is written as ending no sooner than it
    timed += [
        (_ms(end), 2, i, _lap(i, lap, end))
        for i, (lap, end) in enumerate(zip(activity.laps, ends, strict=True))
    ]
    for *_, mesg in sorted(timed, key=lambda item: item[:3]):
        encoder.write_mesg(mesg)
    encoder.write_mesg(_event(last))
    end = fit_time(activity.end)
    encoder.write_mesg(
        {
            "mesg_num": _MESG["SESSION"],
            "message_index": 0,
            "timestamp": end,
            "event": "session",
            "event_type": "stop",
            "trigger": "activity_end",
            "start_time": start,
            "sport": "running",
            "sub_sport": "track",
            "total_elapsed_time": activity.elapsed,
            "total_timer_time": activity.timer,
            "total_distance": activity.distance,
            "first_lap_index": 0,
            "num_laps": len(activity.laps),
            "sport_profile_name": fit_text(activity.name) or None,
        }
    )
    encoder.write_mesg(
        {
            "mesg_num": _MESG["ACTIVITY"],
            "timestamp": end,
            "total_timer_time": activity.timer,
            "num_sessions": 1,
            "type": "manual",
            "event": "activity",
            "event_type": "stop",
            "local_timestamp": end + round(utc_offset),
        }
    )
    return encoder.close()


def fit_time(value: datetime) -> int:
    """Whole seconds since the FIT epoch (1989-12-31 00:00 UTC), rounded down."""
    return math.floor((value - FIT_EPOCH).total_seconds())


def _ms(value: datetime) -> float:
    return round((value - FIT_EPOCH).total_seconds(), 3)


def fit_text(value: str) -> str:
    """Text as a FIT string holds it: no control characters, at most MAX_NAME_BYTES."""
    text = "".join(c for c in value if c.isprintable())
    data = text.encode("utf-8")[:MAX_NAME_BYTES]
    return data.decode("utf-8", errors="ignore")


def _offset(started: datetime) -> float:
    offset = started.utcoffset() if started.tzinfo else started.astimezone().utcoffset()
    return (offset or timedelta()).total_seconds()


def _check(activity: FitActivity) -> None:
    if not activity.laps or len(activity.laps) > MAX_LAPS:
        raise FitExportError(f"a FIT activity holds 1 to {MAX_LAPS:,} laps")
    for value in (activity.start, activity.end):
        if not MIN_TIMESTAMP <= fit_time(value) <= MAX_TIMESTAMP:
            raise FitExportError(
                f"the session's date {value:%Y-%m-%d} is outside what FIT can hold (1998 to 2125)"
            )
    if activity.elapsed > MAX_SECONDS:
        raise FitExportError(
            f"the session spans {activity.elapsed / 86400:.0f} days, paused time included; "
            f"FIT holds at most {MAX_SECONDS / 86400:.1f} days"
        )
    if activity.distance > MAX_METRES:
        raise FitExportError("the session's distance is more than FIT can hold")


def _event(event: FitEvent) -> dict[str, Any]:
    return {
        "mesg_num": _MESG["EVENT"],
        "timestamp": fit_time(event.at),
        "event": "timer",
        "event_type": event.kind,
        "event_group": 0,
    }


def _record(record: FitRecord) -> dict[str, Any]:
    return {
        "mesg_num": _MESG["RECORD"],
        "timestamp": fit_time(record.at),
        "distance": record.distance,
        "speed": _speed(record.speed),
    }


def _lap(index: int, lap: FitLap, end: datetime) -> dict[str, Any]:
    speed = lap.distance / lap.timer if lap.distance is not None and lap.timer > 0 else None
    return {
        "mesg_num": _MESG["LAP"],
        "message_index": index,
        "timestamp": fit_time(end),
        "event": "lap",
        "event_type": "stop",
        "start_time": fit_time(lap.start),
        "total_elapsed_time": lap.elapsed,
        "total_timer_time": lap.timer,
        "total_distance": lap.distance,
        "avg_speed": _speed(speed),
        "enhanced_avg_speed": speed,
        "lap_trigger": lap.trigger,
        "intensity": lap.intensity,
        "sport": "running",
        "sub_sport": "track",
    }


def _speed(value: float | None) -> float | None:
    """A speed a uint16 field holds, else none (a made-up file's 1000 km in a second)."""
    return value if value is not None and value <= MAX_SPEED else None
