"""Storage: reading workout files and writing session files atomically."""
