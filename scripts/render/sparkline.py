"""A tiny trend line for the scorecard: figures -> SVG coordinates, drawn by the template.

Pure geometry. Better is always up: for a rank (lower is better) the axis is
turned over, so a line that rises reads as progress whatever the indicator.
A rank's axis runs from first place, so a gap of one place is drawn at its
true size, not stretched to the full height.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 120, 36, 4


@dataclass(frozen=True)
class Sparkline:
    points: str  # "x,y x,y …" for <polyline>
    last: tuple[float, float]  # the latest figure's dot
    level_y: float | None  # the target's height, when it is drawn


def sparkline(points: tuple[tuple[int, float], ...], level: float | None, better: str) -> Sparkline | None:
    """Two or more figures -> the line through them (and the target as a level); fewer -> None (no line to draw)."""
    if len(points) < 2:
        return None
    values = [value for _, value in points] + ([level] if level is not None else [])
    if better == "lower":  # a rank: first place is the top of the scale
        values.append(1)
    low, high = min(values), max(values)
    first, last = points[0][0], points[-1][0]
    span_x, span_y = (last - first) or 1, (high - low) or 1

    def x(year: int) -> float:
        return round(PAD + (year - first) / span_x * (WIDTH - 2 * PAD), 1)

    def y(value: float) -> float:
        share = (value - low) / span_y
        return round(PAD + (share if better == "lower" else 1 - share) * (HEIGHT - 2 * PAD), 1)

    line = " ".join(f"{x(year)},{y(value)}" for year, value in points)
    return Sparkline(line, (x(points[-1][0]), y(points[-1][1])), y(level) if level is not None else None)
