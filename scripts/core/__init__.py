"""What every stage shares: paths, the rules for untrusted text, problems, CSV, words in two languages, routes, statuses."""
