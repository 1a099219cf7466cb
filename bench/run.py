"""Time francis against the cost of merely parsing the same YAML, and print the figures.

    python bench/run.py                 # 1, 20 and 200 organisations, 5 runs each
    python bench/run.py --orgs 20 --runs 3

For each size it generates a national tracker (bench/generate.py), then runs, alternating and in
separate processes: `francis status --by organisation` cold (empty cache) and warm, `francis check`
cold, and the baseline "parse every file with PyYAML's C loader and do nothing else". It prints
medians, peak memory and the ratios francis/baseline; then `francis status` on the bundled data
against `python -c "import typer, pydantic, ruamel.yaml"`. Needs PyYAML with its C extension
(`pip install -e '.[bench]'`).
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
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

BASELINE = """
import sys, pathlib, yaml
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def francis() -> list[str]:
    exe = shutil.which("francis", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "francis_cli"]


Case = Callable[[], tuple[list[str], dict[str, str]]]
"""A command to time: called before each run, so it can empty a cache first."""


def measure(cases: dict[str, Case], runs: int) -> dict[str, list[tuple[float, float]]]:
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, make in cases.items():  # alternating, so drift hits every case alike
            cmd, env = make()
            results[name].append(run(cmd, env))
    return results


def tracker_cases(work: Path, tracker: Path, base_env: dict[str, str], warm_env: dict[str, str]) -> dict[str, Case]:
    """The baseline and francis's three runs on one generated tracker."""

    def cold() -> tuple[list[str], dict[str, str]]:
        cache = work / "cache-cold"
        shutil.rmtree(cache, ignore_errors=True)
        return [*francis(), "--root", str(tracker), "status", "--by", "organisation"], {
            **base_env,
            "XDG_CACHE_HOME": str(cache),
        }

    def cold_check() -> tuple[list[str], dict[str, str]]:
        cache = work / "cache-cold"
        shutil.rmtree(cache, ignore_errors=True)
        return [*francis(), "--root", str(tracker), "check"], {**base_env, "XDG_CACHE_HOME": str(cache)}

    return {
        "baseline": lambda: ([sys.executable, "-c", BASELINE, str(tracker / "data")], base_env),
        "cold": cold,
        "warm": lambda: ([*francis(), "--root", str(tracker), "status", "--by", "organisation"], warm_env),
        "check": cold_check,
    }


def median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), max(s[1] for s in samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", default="1,20,200", help="comma-separated sizes (default 1,20,200)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="francis-bench-"))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("FRANCIS_")}
    base_env["FRANCIS_AS_OF"] = "2015-06-30"
    try:
        print(f"francis benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} runs each\n")
        print(
            "| orgs | YAML MB | baseline s | status cold s | status warm s | check cold s | cold/base | "
            "warm/base | check/base | peak MB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n in (int(x) for x in args.orgs.split(",")):
            tracker = work / f"t{n}"
            generate(tracker, n)
            mb = sum(p.stat().st_size for p in tracker.rglob("*.yaml")) / 1e6
            warm_cache = work / f"cache-warm-{n}"
            warm_env = {**base_env, "XDG_CACHE_HOME": str(warm_cache)}
            subprocess.run(
                [*francis(), "--root", str(tracker), "status", "--by", "organisation"],
                env=warm_env,
                stdout=subprocess.DEVNULL,
                check=True,
            )
            results = measure(tracker_cases(work, tracker, base_env, warm_env), args.runs)
            (base, _), (c, cm), (w, wm), (k, km) = (median(results[x]) for x in ("baseline", "cold", "warm", "check"))
            print(
                f"| {n} | {mb:.1f} | {base:.2f} | {c:.2f} | {w:.2f} | {k:.2f} | {c / base:.2f} | {w / base:.2f} | "
                f"{k / base:.2f} | {max(cm, wm, km):.0f} |",
                flush=True,
            )
        env = {**base_env, "XDG_CACHE_HOME": str(work / "cache-bundled")}
        subprocess.run([*francis(), "--root", str(REPO), "status"], env=env, stdout=subprocess.DEVNULL, check=True)
        results = measure(
            {
                "imports": lambda: ([sys.executable, "-c", "import typer, pydantic, ruamel.yaml"], env),
                "status": lambda: ([*francis(), "--root", str(REPO), "status"], env),
                "help": lambda: ([*francis(), "--help"], env),
            },
            args.runs * 2,
        )
        (imp, _), (st, _), (hp, _) = (median(results[x]) for x in ("imports", "status", "help"))
        print("\n| bundled data | seconds | ratio to bare imports |\n|---|---:|---:|")
        print(f"| python -c 'import typer, pydantic, ruamel.yaml' | {imp:.3f} | 1.00 |")
        print(f"| francis status (warm) | {st:.3f} | {st / imp:.2f} |")
        print(f"| francis --help | {hp:.3f} | {hp / imp:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
