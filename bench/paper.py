"""What the national roll-up paper (`francis report --by organisation`) costs, in time and peak memory,
against a warm `francis status --by organisation` of the same tracker, and print the figures.

    python bench/paper.py                       # 200 and 1,000 organisations, HTML and PDF
    python bench/paper.py --orgs 200 --runs 3 --formats html

For each size it generates a national tracker (bench/generate.py), warms the cache with one
`francis status --by organisation`, then runs, alternating and in separate processes, that status
(the floor: the same figures, printed as a table) and the roll-up paper in each format, written to
a file. It prints medians of wall and CPU seconds, the largest peak memory (the child's maximum
resident set), the paper's size, and the ratio paper/status; the goal is a peak under 1 GB at
1,000 organisations. A warm roll-up reads the snapshot a load leaves in the cache (the figures, no
position's text); the cold case (an empty cache, so a full load first) is timed too. PDF needs the
`pdf` extra (WeasyPrint).
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

GOAL_MB = 1024
WHAT = {
    "status": "status --by organisation (warm)",
    "cold": "report --by organisation -f html (cold: empty cache)",
}
AS_OF = "2015-06-30"


def francis() -> list[str]:
    exe = shutil.which("francis", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "francis_cli"]


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(
    tracker: Path, work: Path, formats: list[str], runs: int, env: dict[str, str]
) -> dict[str, list[tuple[float, float, float]]]:
    """Each case ``runs`` times, alternating; ``cold`` empties its own cache before each of its runs."""
    base = [*francis(), "--root", str(tracker)]
    paper = [*base, "report", "--by", "organisation", "-f"]
    cases = {"status": [*base, "status", "--by", "organisation"]}
    cases |= {fmt: [*paper, fmt, "-o", str(work / f"rollup.{fmt}")] for fmt in formats}
    cases["cold"] = [*paper, "html", "-o", str(work / "rollup-cold.html")]
    results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, cmd in cases.items():  # alternating, so drift hits every case alike
            if name == "cold":
                shutil.rmtree(work / "cache-cold", ignore_errors=True)
            results[name].append(
                run(cmd, {**env, "XDG_CACHE_HOME": str(work / "cache-cold")} if name == "cold" else env)
            )
    return results


def summary(samples: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", default="200,1000", help="comma-separated sizes (default 200,1000)")
    parser.add_argument("--formats", default="html,pdf", help="comma-separated formats (default html,pdf)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    work = Path(tempfile.mkdtemp(prefix="francis-bench-paper-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRANCIS_")}
    env.update(FRANCIS_AS_OF=AS_OF, NO_COLOR="1", XDG_CACHE_HOME=str(work / "cache"))
    try:
        print(f"roll-up paper: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} run(s) each\n")
        print("| orgs | YAML MB | command | wall s | CPU s | peak MB | output MB | CPU/status | under 1 GB |")
        print("|---:|---:|---|---:|---:|---:|---:|---:|---|")
        for n in (int(x) for x in args.orgs.split(",")):
            tracker = work / f"t{n}"
            generate(tracker, n)
            mb = sum(p.stat().st_size for p in tracker.rglob("*.yaml")) / 1e6
            warm = [*francis(), "--root", str(tracker), "status", "--by", "organisation"]
            subprocess.run(warm, env=env, stdout=subprocess.DEVNULL, check=True)
            results = measure(tracker, work, formats, args.runs, env)
            _, floor, _ = summary(results["status"])
            for name, samples in results.items():
                wall, cpu, peak = summary(samples)
                what = WHAT.get(name, f"report --by organisation -f {name} (warm)")
                size = (work / f"rollup.{name}").stat().st_size / 1e6 if name in formats else 0.0
                print(
                    f"| {n:,} | {mb:.0f} | {what} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {size:.2f} | "
                    f"{cpu / floor:.2f} | {'yes' if peak < GOAL_MB else 'no'} |",
                    flush=True,
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
