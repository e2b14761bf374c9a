"""The networks app of the platform."""
