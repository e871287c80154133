"""Presentation of domain objects as text, shared by the commands and the UI."""
