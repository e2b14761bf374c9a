"""Actor networks: bipartite collaboration graphs, projections, metrics, communities,
brokerage, gaps and matchmaking (pure, like the measures; organisations only)."""

__all__: list[str] = []
