"""Views of the monitoring app, one module per part of the workflow."""
