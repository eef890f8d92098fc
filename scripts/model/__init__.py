"""Validated records -> the page model: progress verdicts, targets, tasks, disclosure requests, history."""
