"""The Textual layer: app, screens and widgets. Renders state, turns keys into engine calls."""
