"""Oversight: HMICFRS inspection oversight for a police force and its PCC."""

__version__ = "0.1.0"
