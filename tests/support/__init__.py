"""Helpers the tests and the benchmarks share: a pty driver, a private PulseAudio server.

Tests import them as `tests.support.<module>` (pytest puts the repo root on `sys.path`:
`pythonpath` in pyproject.toml), as mypy names them; scripts in `bench/` put the repo
root on `sys.path` themselves.
"""
