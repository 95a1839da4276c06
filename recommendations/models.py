"""Models for this app arrive with the reviews issue."""
