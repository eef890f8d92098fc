"""Two builds of the same commit are byte-identical, even on another day."""

import filecmp
import os
import shutil
import subprocess
import sys


def differences(left, right) -> list[str]:
    comparison = filecmp.dircmp(left, right)
    found = [f"only in one build: {name}" for name in comparison.left_only + comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    found += [f"differs: {name}" for name in mismatch + errors]
    for sub in comparison.common_dirs:
        found += [f"{sub}/{item}" for item in differences(left / sub, right / sub)]
    return found


def test_a_build_years_later_is_byte_identical(site, tmp_path):
    faketime = shutil.which("faketime")
    assert faketime, "faketime is missing: make test installs it with apt-get"
    later = tmp_path / "later"
    environment = {**os.environ, "TZ": "Asia/Shanghai", "ASSESSMENT_DATE": site.assessed}  # the same input, years later
    result = subprocess.run(
        [faketime, "2031-06-01 12:00:00", sys.executable, "-m", "scripts", "build", "--site-dir", str(later)],
        cwd=site.project,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert differences(site.root, later) == []
