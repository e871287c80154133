"""The workout a launch opens when start-up is timed or checked (bench_startup and
test_startup_imports): a warm-up waiting for Space, then eight 400s with rests."""

STARTUP_WORKOUT = """\
name = "Startup"
[[step]]
warmup = "10:00"

[[step]]
repeat = 8
run = "400m"
rest = "1:30"
"""
