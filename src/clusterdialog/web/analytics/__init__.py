"""The analytics app of the platform."""
