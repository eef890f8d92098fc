"""Contributor and pull-request commands: add a figure or a status, read the issue form, review a change, list overdue figures."""
