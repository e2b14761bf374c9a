"""The dialogue app: Cluster-Dialog meetings and events, knowledge exchange, consultations."""
