"""Audio: cue synthesis and playback backends behind one small interface."""
