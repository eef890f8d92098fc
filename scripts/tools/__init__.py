"""Maintainer commands: the seed -> data/, and the README's generated blocks."""
