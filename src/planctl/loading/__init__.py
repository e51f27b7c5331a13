"""From bytes on disk to plain Python data with positions."""
