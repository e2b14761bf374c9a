"""Directory: regions, organisations, cluster initiatives, memberships, contact persons."""
