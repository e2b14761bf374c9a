"""Cluster identification: star ratings, strong clusters, significance, dynamics,
opportunities, data-driven definitions and spatial methods (pure, like the measures)."""

__all__: list[str] = []
