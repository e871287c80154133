"""The pure domain core: workout model, plan, timing engine, session records.

Nothing under this package imports Textual or touches the terminal; a test
(`tests/test_import_hygiene.py`) proves it.
"""
