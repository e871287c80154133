"""Do the scheduled cues sound at their instants? `trackapp run` played into a PulseAudio
null sink, its output captured, against a plain scheduled writer on the same sink.

    .venv/bin/python bench/bench_cues.py [--rounds 5] [--rest 4]

A private PulseAudio server with a null sink (tests/support/pulse.py, the helpers of
the sound end-to-end test) is recorded with parec, each chunk stamped with the
monotonic clock. `trackapp run` (tones only, no voice) runs in a pty on open reps with
timed rests: each round ends a rep with Space, and the rest that follows ends by the
timer with a scheduled 3-2-1-go at the rest's end minus 3, 2, 1 and 0 s, from the
instant the key was sent. Each cue's onset is found in the capture (less its own
fade-in) and compared with its instant: the error, signed, in ms.

The reference, in the same run and on the same sink and capture, is `pacat` fed by a
thread that sleeps until each of the same instants and then writes a tone: what a
naive scheduled writer reaches through the same chain (the capture's own offset
included). It is reported beside trackapp's error, not divided into it. A tone
written at its instant cannot sound before it, so the reference's median onset is
the most the capture's clock can be early by; a second row takes that median out of
both, trackapp's cues and the reference's, and shows where each cue sounds against
where a tone written at its instant does.

Needs pulseaudio, pactl, parec and pacat (Debian: pulseaudio pulseaudio-utils) and
miniaudio; without them it says so and records nothing. Writes
bench/results/cues.json. Goal: every scheduled cue within +-10 ms of its instant, judged on
both rows.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from array import array
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.support
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib

from tests.support import pulse as pc
from tests.support.ptydriver import ROOT, PtyProcess, trackapp_command

THRESHOLD = 300
GOAL_MS = 10.0
VOLUME = 0.8
REF_TONE_HZ = 1000.0


def missing() -> str | None:
    tools = pc.missing_tools() + [t for t in ("pacat",) if shutil.which(t) is None]
    if tools:
        return f"needs {', '.join(tools)} (Debian: apt-get install pulseaudio pulseaudio-utils)"
    try:
        import miniaudio  # noqa: F401
    except ImportError:
        return "needs miniaudio (no wheel for this platform)"
    return None


def onset_in_pcm(kind: object) -> float:
    """Seconds from a cue's start to its first sample above THRESHOLD (its fade-in)."""
    from trackapp.audio import synth

    samples = array("h")
    samples.frombytes(synth.render_all(VOLUME)[kind])  # type: ignore[index]
    return next(i for i, s in enumerate(samples) if abs(s) > THRESHOLD) / synth.RATE


def ref_tone(seconds: float = 0.1) -> bytes:
    n = int(seconds * pc.RATE)
    return array(
        "h", (int(8000 * math.sin(2 * math.pi * REF_TONE_HZ * i / pc.RATE)) for i in range(n))
    ).tobytes()


def nearest(heard: Sequence[float], due: float, window: float = 0.2) -> float | None:
    best = min(heard, key=lambda t: abs(t - due), default=None)
    return best if best is not None and abs(best - due) <= window else None


def run_trackapp(
    env: dict[str, str], tmp: Path, rounds: int, rest: float
) -> tuple[list[tuple[object, float]], list[float], str]:
    """(cue kind, due instant) of every scheduled cue, the key-send instants, the screen."""
    from trackapp.domain.cues import CueKind

    workout = tmp / "cues.toml"
    workout.write_text(
        f'name = "Cue bench"\n[[step]]\nrepeat = {rounds + 1}\nrun = "open"\nrest = "{rest:g}s"\n',
        encoding="utf-8",
    )
    config = tmp / "trackapp-config"
    config.mkdir(exist_ok=True)
    (config / "settings.toml").write_text(f"voice = false\nvolume = {VOLUME}\n", encoding="utf-8")
    app_env = dict(env)
    app_env["TRACKAPP_DATA_DIR"] = str(tmp / "data")
    app_env["TRACKAPP_CONFIG_DIR"] = str(config)
    app_env.pop("TEXTUAL", None)
    argv = [*trackapp_command(), "run", str(workout), "--debounce", "0.2"]
    scheduled: list[tuple[object, float]] = []
    presses: list[float] = []
    with PtyProcess(argv, env=app_env, cwd=ROOT) as app:
        app.wait_for("Press SPACE", timeout=60)
        try:  # the device opens beside the first frame; the header says so once it has
            app.wait_for("sound: miniaudio", timeout=10)
        except TimeoutError:
            raise SystemExit("trackapp found no sound device:\n" + app.text()[-1500:]) from None
        time.sleep(0.5)
        presses.append(app.send(b" "))  # the session starts: rep 1, "go" at once
        for _ in range(rounds):
            time.sleep(1.2)
            split = app.send(b" ")  # the rep ends: a blip; the rest's 3-2-1-go is scheduled
            presses.append(split)
            end = split + rest
            scheduled += [
                (CueKind.COUNT_3, end - 3),
                (CueKind.COUNT_2, end - 2),
                (CueKind.COUNT_1, end - 1),
                (CueKind.GO, end),
            ]
            time.sleep(max(end - time.monotonic(), 0.0) + 0.3)
        screen = app.text()
        app.send(b"q")
        time.sleep(0.3)
    return scheduled, presses, screen


def run_reference(env: dict[str, str], dues: Sequence[float]) -> None:
    """pacat, fed a tone at each instant by a thread that sleeps until it."""
    cmd = [
        "pacat", "--playback", "--raw", "--format=s16le", f"--rate={pc.RATE}", "--channels=1",
        f"--device={pc.SINK}", "--latency-msec=10",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, stdin=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None
    stdin = proc.stdin
    tone = ref_tone()

    def feed() -> None:
        for due in dues:
            time.sleep(max(due - time.monotonic(), 0.0))
            stdin.write(tone)
            stdin.flush()

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    thread.join(dues[-1] - time.monotonic() + 5)
    time.sleep(0.4)
    stdin.close()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(3)
    proc.kill()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="rests, each with a 3-2-1-go")
    parser.add_argument("--rest", type=float, default=4.0, help="seconds of each rest (>= 3.5)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    rounds = max(args.rounds, 1)
    why = missing()
    if why is not None:
        print(f"bench_cues: not measured: {why}; nothing recorded")
        return 0

    ms = 1000.0
    load_before = benchlib.load_average()
    with tempfile.TemporaryDirectory(prefix="trackapp-bench-cues-") as tmpdir:
        tmp = Path(tmpdir)
        with pc.pulse_server(tmp) as env, pc.parec(env) as rec:
            scheduled, presses, screen = run_trackapp(env, tmp, rounds, args.rest)
            time.sleep(1.0)
            # the reference: the same pattern of instants, after trackapp has gone
            base = time.monotonic() + 1.0
            first = scheduled[0][1]
            ref_dues = [base + (due - first) for _, due in scheduled]
            run_reference(env, ref_dues)
            time.sleep(0.5)
            samples = rec.samples()
            t0 = rec.t0

    if "bell only" in screen:
        raise SystemExit("trackapp fell back to the bell during the run:\n" + screen[-1500:])
    found = pc.bursts(samples, THRESHOLD)
    heard = [t0 + b.start / pc.RATE for b in found]
    app_heard = [t for t in heard if t < ref_dues[0] - 0.5]
    ref_heard = [t for t in heard if t >= ref_dues[0] - 0.5]
    errors, missed = [], 0
    for kind, due in scheduled:
        at = nearest(app_heard, due + onset_in_pcm(kind))
        if at is None:
            missed += 1
        else:
            errors.append((at - due - onset_in_pcm(kind)) * ms)
    ref_onset = next(i for i, s in enumerate(array("h", ref_tone())) if abs(s) > THRESHOLD)
    ref_errors = []
    for due in ref_dues:
        at = nearest(ref_heard, due)
        if at is not None:
            ref_errors.append((at - due - ref_onset / pc.RATE) * ms)
    from trackapp.domain.cues import CueKind

    press_lat = []
    for i, sent in enumerate(presses):
        kind = CueKind.GO if i == 0 else CueKind.SPLIT
        at = nearest(app_heard, sent + onset_in_pcm(kind), window=0.15)
        if at is not None:
            press_lat.append((at - sent - onset_in_pcm(kind)) * ms)
    if not errors or not ref_errors:
        raise SystemExit(
            f"cues not found in the capture: {len(errors)} of trackapp's, "
            f"{len(ref_errors)} of the reference's"
        )

    app = benchlib.figures("onset − instant", "ms", errors, tails=True)
    ref = benchlib.figures("`pacat` fed at each instant", "ms", ref_errors, tails=True)
    # The capture's clock: the null sink hands its monitor whole blocks, so stamping
    # sample 0 from the chunks' arrival runs early by part of a block. No tone written
    # at its instant can sound before it, so the reference's median onset bounds that
    # offset (it is the offset plus pacat's own latency, which is >= 0). Taking it out
    # of both gives each cue against where a tone written at its instant sounds.
    offset = ref["median"]
    app_net = benchlib.figures(
        "onset − instant − the chain's offset", "ms", [e - offset for e in errors], tails=True
    )
    ref_net = benchlib.figures(
        "`pacat`, the same", "ms", [e - offset for e in ref_errors], tails=True
    )
    rows = []
    for label, figs, reference in (
        ("as captured", app, ref),
        ("less the chain's offset, the reference's median", app_net, ref_net),
    ):
        worst = max(abs(figs["min"]), abs(figs["max"]))
        met = missed == 0 and worst <= GOAL_MS
        detail = ""
        if missed:
            detail = f"{missed} of {len(scheduled)} cues not heard"
        elif not met:
            detail = f"gap: worst {worst:.1f} ms, {worst - GOAL_MS:.1f} ms outside"
        rows.append(
            benchlib.row(
                f"scheduled 3-2-1-go onsets on a PulseAudio null sink ({rounds} rests, "
                f"{len(scheduled)} cues), {label}",
                figs,
                reference,
                None,
                benchlib.goal(f"every cue within ±{GOAL_MS:g} ms", met, detail),
            )
        )
    print(f"Cue onsets, {rounds} rests of {args.rest:g} s; load before {load_before}")
    print(f"{'ms':<40}{'median':>9}{'p90':>9}{'p99':>9}{'min':>9}{'max':>9}")
    for f in (app, ref, app_net, ref_net):
        print(
            f"{f['label']:<40}{f['median']:>9.2f}{f['p90']:>9.2f}{f['p99']:>9.2f}"
            f"{f['min']:>9.2f}{f['max']:>9.2f}"
        )
    if press_lat:
        print(
            "press cues (go at the start, split blips) after the key, ms:",
            " ".join(f"{v:.1f}" for v in press_lat),
        )
    for r in rows:
        print(f"{r['benchmark']}: {r['goal']['text']}: {'met' if r['goal']['met'] else 'MISSED'}")
    if not args.no_write:
        benchlib.write_result(
            "cues",
            "Scheduled cues on a PulseAudio null sink against their instants",
            rows,
            params={"rounds": rounds, "rest": args.rest, "volume": VOLUME, "voice": False},
            notes=[
                "press cues (go at the start, split blips) after the key, ms: "
                + ", ".join(f"{v:.1f}" for v in press_lat),
                f"trackapp's median minus the reference's: "
                f"{app['median'] - ref['median']:.1f} ms (a tone written at its instant cannot "
                "sound before it, so the reference's negative figures are the capture "
                "clock's own offset)",
                "instants are from the key's send time (the app's key instant is ~0.1 ms "
                "later); the capture's clock is parec's, shared with the reference",
                f"load average before {load_before}",
            ],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
