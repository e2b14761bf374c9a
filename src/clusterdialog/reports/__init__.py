"""Reports: HTML, PDF and XLSX renderings of analysis results."""
