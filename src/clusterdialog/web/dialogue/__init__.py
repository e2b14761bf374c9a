"""The dialogue app of the platform."""
