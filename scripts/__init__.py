"""Build pipeline for the Gansu science-and-technology plan tracker.

Stages, one module each: clean (damaged copy -> clean text), extract (clean
text -> data files), load + validate (data package -> records or errors),
document (records -> plan text).
"""
