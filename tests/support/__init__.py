"""Helpers the tests and the benchmarks share: a pty driver, a private PulseAudio server.

Tests import them as `support.<module>` (pytest puts `tests/` on `sys.path` through
`tests/conftest.py`); scripts in `bench/` put `tests/` on `sys.path` themselves.
"""
