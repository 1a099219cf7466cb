"""What `francis import actions` costs per row of a CSV, and print the figures.

    python bench/import.py                      # 10,000, 100,000 and 1,000,000 rows
    python bench/import.py --rows 1000 10000 --runs 3

For each size it writes a CSV workplan of that many actions (one section, one lead) and a tracker
whose francis.yaml raises the spreadsheet limits to their ceilings (100,000 rows, 256 MiB) and the
YAML file size to 64 MiB (100,000 actions make a workplan of about 20 MB). It then times a dry run
(`--dry-run`: the sheet read, every row judged, the edit planned and the tracker checked with it,
nothing written) in a separate process. Rows are counted as the limit counts them, the header's
included. A sheet past the ceiling is refused at its first row over it: that time is the cost of
the refusal. It prints the median seconds, microseconds per row and whether the run imported or
was refused (and by which problem code).
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

LIMITS = "limits:\n  max_sheet_rows: 100000\n  max_sheet_bytes: 268435456\n  max_file_bytes: 67108864\n"


def write_tracker(root: Path) -> None:
    """A tracker with one organisation, one role and a workplan of one section."""
    (root / "data/recommendations").mkdir(parents=True)
    (root / "data/workplan").mkdir()
    (root / "francis.yaml").write_text(f"default_set: bench\norganisation: trust\n{LIMITS}", encoding="utf-8")
    recs = "".join(f"  - number: {n}\n    text: Recommendation {n}.\n" for n in range(1, 11))
    (root / "data/recommendations/bench.yaml").write_text(f"set: bench\ntitle: A bench set\nrecommendations:\n{recs}")
    (root / "data/organisations.yaml").write_text(
        "organisations:\n  - id: trust\n    name: A bench trust\n    roles:\n      DoN: Director of Nursing\n",
        encoding="utf-8",
    )
    (root / "data/workplan/trust.yaml").write_text(
        'organisation: trust\nsections:\n  - id: "1"\n    title: Culture\n    actions:\n'
        '      - id: "1.0"\n        title: Name a lead\n        lead: DoN\n        due: 2027-03\n',
        encoding="utf-8",
    )


def write_sheet(path: Path, rows: int) -> None:
    """A header and ``rows - 1`` actions."""
    with path.open("w", encoding="utf-8") as out:
        out.write("Ref,Section,Action,Lead,Due,Status,Recommendations\n")
        out.writelines(
            f"1.{n},1,Action number {n} of the bench workplan,DoN,2027-{n % 12 + 1:02d},in progress,{n % 10 + 1}\n"
            for n in range(1, rows)
        )


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds, exit code and the last line of stderr of one run."""
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    lines = done.stderr.strip().splitlines()
    return time.perf_counter() - start, done.returncode, lines[-1] if lines else ""


def measure(rows: int, runs: int, francis: list[str]) -> tuple[float, str]:
    with tempfile.TemporaryDirectory(prefix="francis-bench-import-") as tmp:
        root, sheet = Path(tmp) / "tracker", Path(tmp) / "workplan.csv"
        write_tracker(root)
        write_sheet(sheet, rows)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"), "NO_COLOR": "1"}
        cmd = [*francis, "--root", str(root), "import", "actions", str(sheet), "--org", "trust", "--dry-run"]
        cmd += ["--date", "2026-12-01"]
        results = [timed(cmd, env) for _ in range(runs)]
        seconds = statistics.median(r[0] for r in results)
        code, last = results[-1][1:]
        outcome = "imported" if code == 0 else ("refused: " + last.split(" error ")[-1].split(" ")[0])
        return seconds, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    exe = shutil.which("francis", path=str(Path(sys.executable).parent))
    francis = [exe] if exe else [sys.executable, "-m", "francis_cli"]
    print("| rows | dry run (s) | µs per row | outcome |")
    print("|---:|---:|---:|---|")
    for rows in args.rows:
        seconds, outcome = measure(rows, args.runs, francis)
        print(f"| {rows:,} | {seconds:.2f} | {seconds / rows * 1e6:.0f} | {outcome} |", flush=True)


if __name__ == "__main__":
    main()
