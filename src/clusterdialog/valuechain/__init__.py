"""Value chains: input-output analysis, regionalised tables and the gaps in a
cluster's regional value chain (pure, like the measures)."""

__all__: list[str] = []
