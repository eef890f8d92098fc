"""The scorecard's trend line: geometry that does not exaggerate."""

from scripts.render.sparkline import HEIGHT, PAD, sparkline


def test_fewer_than_two_figures_draw_no_line():
    assert sparkline(((2024, 5.0),), 6.0, "higher") is None


def test_higher_is_better_rises_to_the_top():
    line = sparkline(((2020, 10.0), (2024, 20.0)), None, "higher")
    assert line.points == f"4.0,{HEIGHT - PAD:.1f} 116.0,{PAD:.1f}"
    assert line.level_y is None


def test_a_rank_is_drawn_from_first_place_so_one_place_is_small():
    line = sparkline(((2022, 23.0), (2024, 23.0)), 22.0, "lower")
    gap = abs(line.last[1] - line.level_y)  # 23rd place against the target of 22nd
    assert 0 < gap < (HEIGHT - 2 * PAD) / 10
    assert line.level_y < line.last[1]  # the target (a better rank) sits higher


def test_a_better_rank_is_higher_on_the_line():
    line = sparkline(((2020, 30.0), (2024, 10.0)), None, "lower")
    first_y, last_y = (float(point.split(",")[1]) for point in line.points.split())
    assert last_y < first_y
