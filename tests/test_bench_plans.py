"""The benchmark's synthetic plans are valid data packages, so `make bench` measures builds rather than failing."""

import subprocess
import sys

from bench import synthetic


def test_a_plan_three_times_the_size_validates(tmp_path):
    project = synthetic.make_plan(3, tmp_path / "plan-3x")
    result = subprocess.run([sys.executable, "-m", "scripts", "validate"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
