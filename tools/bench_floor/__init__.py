"""The benchmark's frame: dashboard.py's frame and shared sidebar around one page, or none."""
