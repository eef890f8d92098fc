"""The plan's text: the damaged seed -> clean lines, and the plan's text back from the records."""
