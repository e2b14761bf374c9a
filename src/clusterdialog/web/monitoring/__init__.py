"""The monitoring app of the platform."""
