"""A session as a file for other tools: CSV and JSON rows of splits, a FIT activity.

Shared by `trackapp export` and history's `x`; above the runner, below the ui."""
