"""trackapp: a terminal interval timer for running track workouts."""

__version__ = "0.1.0"
