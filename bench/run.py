"""Time francis against the cost of merely parsing the same YAML, and print the figures.

    python bench/run.py                 # 1, 20 and 200 organisations, 5 runs each
    python bench/run.py --orgs 20 --runs 3

    python bench/run.py --orgs ''       # only the start-up figures, on the bundled data

It first compiles francis's bytecode (an editable install run with PYTHONDONTWRITEBYTECODE has
none, and compiling on every start would be timed). For each size it generates a national tracker
(bench/generate.py), then runs, alternating and in separate processes: `francis status --by
organisation` cold (empty cache) and warm, `francis check` cold and warm (an unchanged tracker: its
validated snapshot), and the baseline "parse every file
with PyYAML's C loader and do nothing else". It prints medians of wall and CPU time (user + system,
of the child process), peak memory and the ratios francis/baseline (medians of the CPU ratios of
runs made side by side, which load on the machine moves least); then `francis status` and
`francis --help` on the bundled data against `python -c "import typer, pydantic, ruamel.yaml"`,
with the goals for start-up. Needs PyYAML with its C extension (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import compileall
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


Sample = tuple[float, float, float]
"""One run: wall seconds, CPU seconds (user + system) and peak memory (MB)."""

START_UP_GOALS = {"status": 1.0, "help": 0.8}
"""At most this many times the bare imports (CPU, bundled data): issue 12's start-up goals."""


def run(cmd: list[str], env: dict[str, str]) -> Sample:
    """Wall and CPU seconds and peak memory (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def francis() -> list[str]:
    exe = shutil.which("francis", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "francis_cli"]


Case = Callable[[], tuple[list[str], dict[str, str]]]
"""A command to time: called before each run, so it can empty a cache first."""


def measure(cases: dict[str, Case], runs: int) -> dict[str, list[Sample]]:
    results: dict[str, list[Sample]] = {name: [] for name in cases}
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
        "check-warm": lambda: ([*francis(), "--root", str(tracker), "check"], warm_env),
    }


def median(samples: list[Sample]) -> tuple[float, float, float]:
    """Median wall and CPU seconds, and the largest peak memory."""
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


def ratio(samples: list[Sample], base: list[Sample]) -> float:
    """The median of the CPU ratios of runs made side by side."""
    return statistics.median(s[1] / b[1] for s, b in zip(samples, base, strict=True))


def national(work: Path, n: int, base_env: dict[str, str], runs: int) -> str:
    """One row of the national table: a generated tracker of ``n`` organisations."""
    tracker = work / f"t{n}"
    generate(tracker, n)
    mb = sum(p.stat().st_size for p in tracker.rglob("*.yaml")) / 1e6
    warm_env = {**base_env, "XDG_CACHE_HOME": str(work / f"cache-warm-{n}")}
    subprocess.run(
        [*francis(), "--root", str(tracker), "status", "--by", "organisation"],
        env=warm_env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    results = measure(tracker_cases(work, tracker, base_env, warm_env), runs)
    runs_of = ("cold", "warm", "check", "check-warm")
    (base, base_cpu, _), *cases = (median(results[x]) for x in ("baseline", *runs_of))
    times = " | ".join(f"{w:.2f} / {c:.2f}" for w, c, _ in cases)
    ratios = " | ".join(f"{ratio(results[x], results['baseline']):.2f}" for x in runs_of)
    peak = max(m for _, _, m in cases)
    return f"| {n} | {mb:.1f} | {base:.2f} / {base_cpu:.2f} | {times} | {ratios} | {peak:.0f} |"


def start_up(work: Path, base_env: dict[str, str], runs: int) -> list[str]:
    """The bundled-data table: start-up against the bare imports of francis's libraries."""
    env = {**base_env, "XDG_CACHE_HOME": str(work / "cache-bundled")}
    subprocess.run([*francis(), "--root", str(REPO), "status"], env=env, stdout=subprocess.DEVNULL, check=True)
    results = measure(
        {
            "imports": lambda: ([sys.executable, "-c", "import typer, pydantic, ruamel.yaml"], env),
            "status": lambda: ([*francis(), "--root", str(REPO), "status"], env),
            "csv": lambda: ([*francis(), "--root", str(REPO), "status", "--format", "csv"], env),
            "help": lambda: ([*francis(), "--help"], env),
        },
        runs,
    )
    labels = {
        "imports": "python -c 'import typer, pydantic, ruamel.yaml'",
        "status": "francis status (warm)",
        "csv": "francis status --format csv (warm)",
        "help": "francis --help",
    }
    lines = ["| bundled data | wall s | CPU s | CPU ratio to bare imports | goal |", "|---|---:|---:|---:|---|"]
    for name, label in labels.items():
        wall, cpu, _ = median(results[name])
        goal = START_UP_GOALS.get(name)
        got = ratio(results[name], results["imports"])
        verdict = "" if goal is None else f"≤ {goal:.1f}: {'met' if got <= goal else 'not met'}"
        lines.append(f"| {label} | {wall:.3f} | {cpu:.3f} | {got:.2f} | {verdict} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", default="1,20,200", help="comma-separated sizes (default 1,20,200; '' for none)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compileall.compile_dir(REPO / "src", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="francis-bench-"))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("FRANCIS_")}
    base_env["FRANCIS_AS_OF"] = "2015-06-30"
    try:
        print(f"francis benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} runs each\n")
        sizes = [int(x) for x in args.orgs.split(",") if x.strip()]
        if sizes:
            print(
                "| orgs | YAML MB | baseline s (wall / CPU) | status cold s | status warm s | check cold s | "
                "check warm s | cold/base | warm/base | check/base | check warm/base | peak MB |"
            )
            print("|" + "---:|" * 12)
        for n in sizes:
            print(national(work, n, base_env, args.runs), flush=True)
        print("\n" if sizes else "", end="")
        print("\n".join(start_up(work, base_env, args.runs * 2)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
