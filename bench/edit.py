"""What an edit costs against one check of the same tracker, and print the ratio.

    python bench/edit.py                    # 1,000 and 100,000 assessments in one file
    python bench/edit.py --sizes 1000 10000 --runs 3

For each size it writes a tracker whose catalogue has that many recommendations and whose one
organisation has assessed every one of them in one file, plus a small workplan. It then times, in
separate processes and alternating, `francis check` and an edit elsewhere in the tracker
(`francis action note`, on a fresh copy each run, so every edit really writes), both with the
cache warm as a working day has it. An edit validates the whole tracker with the edited file, so
its floor is about one check of a tracker with one file changed (the check CI runs on a pull
request; each run appends a comment to the workplan first); the ratio edit/check says how far
above that floor it is. A check of an unchanged tracker answers from the validated snapshot and
is shown beside it for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def write_tracker(root: Path, size: int) -> None:
    """A tracker with ``size`` recommendations, every one assessed in one file, and a workplan."""
    (root / "data/recommendations").mkdir(parents=True)
    (root / "data/assessments").mkdir()
    (root / "data/workplan").mkdir()
    (root / "francis.yaml").write_text("default_set: big\norganisation: trust\n", encoding="utf-8")
    recs = "".join(f"  - number: {n}\n    text: Recommendation {n} of the bench set.\n" for n in range(1, size + 1))
    (root / "data/recommendations/big.yaml").write_text(f"set: big\ntitle: A bench set\nrecommendations:\n{recs}")
    ratings = ("red", "amber", "green", "blue")
    rows = "".join(
        f"  - recommendation: {n}\n    rating: {ratings[n % 4]}\n    position: Position on recommendation {n}.\n"
        for n in range(1, size + 1)
    )
    (root / "data/assessments/trust.yaml").write_text(f"organisation: trust\nassessments:\n{rows}", encoding="utf-8")
    (root / "data/organisations.yaml").write_text(
        "organisations:\n  - id: trust\n    name: A bench trust\n    roles:\n      DoN: Director of Nursing\n",
        encoding="utf-8",
    )
    (root / "data/workplan/trust.yaml").write_text(
        'organisation: trust\nactions:\n  - id: "1"\n    title: Name a lead\n    lead: DoN\n    due: 2027-03\n',
        encoding="utf-8",
    )


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def measure(size: int, runs: int, francis: list[str]) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory(prefix="francis-bench-edit-") as tmp:
        base = Path(tmp) / "base"
        write_tracker(base, size)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "NO_COLOR": "1"}
        subprocess.run([*francis, "--root", str(base), "check"], env=env, capture_output=True, check=False)  # warm
        unchanged, checks, edits = [], [], []
        workplan = base / "data/workplan/trust.yaml"
        for i in range(runs):
            unchanged.append(timed([*francis, "--root", str(base), "check"], env))
            workplan.write_text(workplan.read_text(encoding="utf-8") + f"# run {i}\n", encoding="utf-8")
            checks.append(timed([*francis, "--root", str(base), "check"], env))  # as CI checks a change
            copy = Path(tmp) / f"copy{i}"
            shutil.copytree(base, copy)
            note = [*francis, "--root", str(copy), "action", "note", "trust", "1", f"Note {i}.", "--date", "2026-12-01"]
            edits.append(timed(note, env))
        return statistics.median(unchanged), statistics.median(checks), statistics.median(edits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    exe = shutil.which("francis", path=str(Path(sys.executable).parent))
    francis = [exe] if exe else [sys.executable, "-m", "francis_cli"]
    print("| assessments | check, unchanged (s) | check, one file changed (s) | edit (s) | edit/check |")
    print("|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        same, check, edit = measure(size, args.runs, francis)
        print(f"| {size:,} | {same:.2f} | {check:.2f} | {edit:.2f} | {edit / check:.2f} |", flush=True)


if __name__ == "__main__":
    main()
