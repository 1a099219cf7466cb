"""Time francis against the cost of merely parsing the same YAML, and print every goal of issue 12.

    python bench/run.py                 # 1, 20, 200 and 1,000 organisations (about an hour on 2 cores)
    python bench/run.py --quick         # 20 and 200 organisations, 3 runs: the 1,000 goals left out
    python bench/run.py --orgs 20 --runs 3
    python bench/run.py --orgs ''       # only the start-up figures, on the bundled data

It first compiles francis's bytecode (an editable install run with PYTHONDONTWRITEBYTECODE has
none, and compiling on every start would be timed). For each size it generates a national tracker
(bench/generate.py; from 200 organisations up, in the git repository of bench/git.py), then runs,
alternating and in separate processes: `francis status --by organisation` cold (empty cache) and
warm, `francis check` cold and warm (an unchanged tracker: its validated snapshot), and the
baseline "parse every file with PyYAML's C loader and do nothing else". It prints medians of wall
and CPU time (user + system, of the child process and what it waited for), peak memory and the
ratios francis/baseline (medians of the CPU ratios of runs made side by side, which load on the
machine moves least). At 200 organisations it times the site (bench/site.py); at 1,000, `diff`
and `history` (bench/git.py) and the roll-up paper (bench/paper.py), the slow cases with
``--slow-runs`` runs (default 1); then `francis status` and `francis --help` on the bundled data
against `python -c "import typer, pydantic, ruamel.yaml"`. Last, a table of every goal, met or
not. MB are 2**20 bytes. Needs PyYAML with its C extension (`pip install -e '.[bench]'`); the site
needs the NHS.UK frontend (`npm ci --prefix tests/browser`), the PDF the `pdf` extra.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402


def _bench(name: str) -> ModuleType:
    """bench/NAME.py as a module (by its path: ``site`` and ``git`` are names Python or a package
    may already hold)."""
    spec = importlib.util.spec_from_file_location(f"francis_bench_{name}", HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


gitbench, paperbench, sitebench = _bench("git"), _bench("paper"), _bench("site")

BASELINE = """
import sys, pathlib, yaml
for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
"""


Sample = tuple[float, float, float]
"""One run: wall seconds, CPU seconds (user + system) and peak memory (MB)."""

START_UP_GOALS = {"status": 1.0, "help": 0.8}
"""At most this many times the bare imports (CPU, bundled data): issue 12's start-up goals."""
NATIONAL_GOALS = {200: {"warm": 0.15, "cold": 1.0, "check-warm": 0.15}, 1000: {"warm": 0.15}}
"""At most this many times the baseline (CPU), by size and case."""
LABELS = {"warm": "warm status --by organisation", "cold": "cold status --by organisation", "check-warm": "check warm"}
SITE_ORGS, BIG_ORGS = 200, 1000
STATUS_PEAK_MB, PAPER_PEAK_MB = 1.2 * 1024, 1024


@dataclass
class Goal:
    what: str
    got: str
    met: bool | None
    """None: not measured in this run."""


GOALS: list[Goal] = []


def goal(what: str, got: float | None, limit: float, fmt: str = "{:.2f}", *, strict: bool = False) -> None:
    """Record a goal "``got`` at most (under, with ``strict``) ``limit``"; None: not measured."""
    if got is None:
        GOALS.append(Goal(what, "not measured", None))
        return
    GOALS.append(Goal(what, fmt.format(got), got < limit if strict else got <= limit))


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


def measure(cases: dict[str, Case], runs: int, fewer: dict[str, int] | None = None) -> dict[str, list[Sample]]:
    """Each case ``runs`` times (those in ``fewer``, that many), alternating."""
    counts = {name: (fewer or {}).get(name, runs) for name in cases}
    results: dict[str, list[Sample]] = {name: [] for name in cases}
    for i in range(max(counts.values(), default=0)):
        for name, make in cases.items():  # alternating, so drift hits every case alike
            if i < counts[name]:
                cmd, env = make()
                results[name].append(run(cmd, env))
    return results


def tracker_cases(work: Path, tracker: Path, base_env: dict[str, str], warm_env: dict[str, str]) -> dict[str, Case]:
    """The baseline and francis's four runs on one generated tracker."""

    def cold(*args: str) -> Case:
        def make() -> tuple[list[str], dict[str, str]]:
            cache = work / "cache-cold"
            shutil.rmtree(cache, ignore_errors=True)
            return [*francis(), "--root", str(tracker), *args], {**base_env, "XDG_CACHE_HOME": str(cache)}

        return make

    return {
        "baseline": lambda: ([sys.executable, "-c", BASELINE, str(tracker / "data")], base_env),
        "cold": cold("status", "--by", "organisation"),
        "warm": lambda: ([*francis(), "--root", str(tracker), "status", "--by", "organisation"], warm_env),
        "check": cold("check"),
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
    """The median of the CPU ratios of runs made side by side (the ratio of the medians when the
    two were not run as often)."""
    if len(samples) != len(base):
        return statistics.median(s[1] for s in samples) / statistics.median(b[1] for b in base)
    return statistics.median(s[1] / b[1] for s, b in zip(samples, base, strict=True))


RUNS_OF = ("cold", "warm", "check", "check-warm")


def national(work: Path, n: int, base_env: dict[str, str], runs: int, slow: int) -> tuple[str, Path]:
    """One row of the national table, on a generated tracker of ``n`` organisations (in a git
    repository from 200 up: the site and the history read it), and the tracker."""
    tracker = work / f"t{n}"
    (gitbench.repository if n >= SITE_ORGS else generate)(tracker, n)
    mb = sum(p.stat().st_size for p in (tracker / "data").rglob("*.yaml")) / 1e6
    warm_env = {**base_env, "XDG_CACHE_HOME": str(work / f"cache-warm-{n}")}
    subprocess.run([*francis(), "--root", str(tracker), "status"], env=warm_env, stdout=subprocess.DEVNULL, check=True)
    fewer = {"baseline": slow, "cold": slow, "check": slow} if n >= BIG_ORGS else None
    results = measure(tracker_cases(work, tracker, base_env, warm_env), runs, fewer)
    (base, base_cpu, _), *cases = (median(results[x]) for x in ("baseline", *RUNS_OF))
    got = {x: ratio(results[x], results["baseline"]) for x in RUNS_OF}
    for name, limit in NATIONAL_GOALS.get(n, {}).items():
        goal(f"{LABELS[name]} at {n:,} organisations ≤ {limit:g}× the PyYAML-C parse", got[name], limit)
    if n == BIG_ORGS:
        peak = max(median(results[x])[2] for x in ("cold", "warm"))
        goal(
            f"peak memory of status at {n:,} organisations ≤ 1.2 GB (cold: a full load)",
            peak,
            STATUS_PEAK_MB,
            "{:.0f} MB",
        )
    times = " | ".join(f"{w:.2f} / {c:.2f}" for w, c, _ in cases)
    ratios = " | ".join(f"{got[x]:.2f}" for x in RUNS_OF)
    peaks = " | ".join(f"{m:.0f}" for _, _, m in cases)
    counts = f"{len(results['warm'])}/{len(results['cold'])}"
    row = f"| {n:,} | {mb:.1f} | {counts} | {base:.2f} / {base_cpu:.2f} | {times} | {ratios} | {peaks} |"
    return row, tracker


def national_header() -> str:
    cols = ["orgs", "YAML MB", "runs warm/cold", "baseline s (wall / CPU)", "status cold s", "status warm s"]
    cols += ["check cold s", "check warm s", "cold/base", "warm/base", "check/base", "check warm/base"]
    cols += ["peak MB status cold", "status warm", "check cold", "check warm"]
    return "| " + " | ".join(cols) + " |\n|" + "---:|" * len(cols)


def site(work: Path, tracker: Path, env: dict[str, str]) -> list[str]:
    """The site of the tracker (bench/site.py): a first build and a rebuild that should write nothing."""
    frontend = sitebench.frontend()
    if not Path(frontend).is_dir():
        goal(f"site of {SITE_ORGS} organisations: a rebuild with nothing changed writes no file", None, 0)
        return [f"site: not timed (no NHS.UK frontend at {frontend}: npm ci --prefix tests/browser)"]
    folder = work / "site"
    folder.mkdir()
    site_env = {**env, "FRANCIS_NHSUK_FRONTEND": frontend, "XDG_CACHE_HOME": str(folder / "cache")}
    firsts, rebuilds = sitebench.builds(tracker, 1, folder, site_env)
    lines = [
        f"| francis site, {SITE_ORGS} organisations (1 run) | wall s | CPU s | files written |",
        "|---|---:|---:|---:|",
    ]
    for name, got in (("first build (empty folder)", firsts), ("rebuild, nothing changed", rebuilds)):
        wall, cpu = sitebench.medians(got)
        lines.append(f"| {name} | {wall:.2f} | {cpu:.2f} | {got[0][2]:,} of {got[0][3]:,} |")
    goal(
        f"site of {SITE_ORGS} organisations: a rebuild with nothing changed writes no file",
        rebuilds[0][2],
        0,
        "{} files",
    )
    shutil.rmtree(folder, ignore_errors=True)
    return lines


def history(work: Path, tracker: Path, env: dict[str, str], runs: int) -> list[str]:
    """`diff HEAD~1` and `history` against a warm status (bench/git.py), on the tracker's repository."""
    folder = work / "git"
    folder.mkdir()
    got = gitbench.timings(tracker, folder, runs, env)
    lines = [f"| git, {BIG_ORGS:,} organisations ({runs} run(s)) | wall s | CPU s |", "|---|---:|---:|"]
    lines += [f"| {name} | {wall:.2f} | {cpu:.2f} |" for name, (wall, cpu) in got.items()]
    lines += ["", "| ratio | wall | CPU |", "|---|---:|---:|"]
    for name, (wall, cpu) in gitbench.ratios(got).items():
        lines.append(f"| {name} | {wall:.2f} | {cpu:.2f} |")
        if name in gitbench.GOALS:
            goal(f"{name} at {BIG_ORGS:,} organisations ≤ {gitbench.GOALS[name]:g} (CPU)", cpu, gitbench.GOALS[name])
    shutil.rmtree(folder, ignore_errors=True)
    return lines


def rollup(work: Path, tracker: Path, env: dict[str, str], formats: list[str], runs: int) -> list[str]:
    """The roll-up paper's time and peak memory, warm and cold (bench/paper.py)."""
    folder = work / "paper"
    folder.mkdir()
    paper_env = {**env, "XDG_CACHE_HOME": str(folder / "cache")}
    warm = [*francis(), "--root", str(tracker), "status", "--by", "organisation"]
    subprocess.run(warm, env=paper_env, stdout=subprocess.DEVNULL, check=True)
    results = paperbench.measure(tracker, folder, formats, runs, paper_env)
    lines = [f"| roll-up paper, {BIG_ORGS:,} organisations ({runs} run(s)) | wall s | CPU s | peak MB | output MB |"]
    lines.append("|---|---:|---:|---:|---:|")
    peaks = []
    for name, samples in results.items():
        wall, cpu, peak = paperbench.summary(samples)
        what = paperbench.WHAT.get(name, f"report --by organisation -f {name} (warm)")
        size = (folder / f"rollup.{name}").stat().st_size / 1e6 if name in formats else 0.0
        lines.append(f"| {what} | {wall:.2f} | {cpu:.2f} | {peak:.0f} | {size:.2f} |")
        if name != "status":
            peaks.append(peak)
    what = (
        f"peak memory of the roll-up paper at {BIG_ORGS:,} organisations, cold and warm ({', '.join(formats)}) < 1 GB"
    )
    goal(what, max(peaks), PAPER_PEAK_MB, "{:.0f} MB", strict=True)
    shutil.rmtree(folder, ignore_errors=True)
    return lines


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
    lines = ["| bundled data | wall s | CPU s | CPU ratio to bare imports |", "|---|---:|---:|---:|"]
    for name, label in labels.items():
        wall, cpu, _ = median(results[name])
        got = ratio(results[name], results["imports"])
        lines.append(f"| {label} | {wall:.3f} | {cpu:.3f} | {got:.2f} |")
        if name in START_UP_GOALS:
            goal(f"{label} ≤ {START_UP_GOALS[name]:g}× the bare imports (CPU)", got, START_UP_GOALS[name])
    return lines


def goals_table() -> list[str]:
    lines = ["| goal (issue 12; the site: issue 13) | measured | |", "|---|---:|---|"]
    for g in GOALS:
        lines.append(f"| {g.what} | {g.got} | {'—' if g.met is None else 'met' if g.met else 'not met'} |")
    return lines


def sizes_and_goals(sizes: list[int]) -> None:
    """Goals whose size this run leaves out are listed as not measured."""
    for n, cases in NATIONAL_GOALS.items():
        if n not in sizes:
            for name, limit in cases.items():
                goal(f"{LABELS[name]} at {n:,} organisations ≤ {limit:g}× the PyYAML-C parse", None, limit)
    if SITE_ORGS not in sizes:
        goal(f"site of {SITE_ORGS} organisations: a rebuild with nothing changed writes no file", None, 0)
    if BIG_ORGS not in sizes:
        for what in ("peak memory of status", "diff HEAD~1 / warm status", "history second / first run"):
            goal(f"{what} at {BIG_ORGS:,} organisations", None, 0)
        goal(f"peak memory of the roll-up paper at {BIG_ORGS:,} organisations < 1 GB", None, 0)


def section(lines: list[str]) -> None:
    print("\n" + "\n".join(lines), flush=True)


def national_all(work: Path, sizes: list[int], env: dict[str, str], args: argparse.Namespace) -> None:
    """The national table, with the site after its size and the git and paper figures after theirs."""
    if not sizes:
        return
    after: list[list[str]] = []
    print(national_header(), flush=True)
    for n in sizes:
        row, tracker = national(work, n, env, args.runs, args.slow_runs)
        print(row, flush=True)
        if n == SITE_ORGS:
            after.append(site(work, tracker, env))
        if n == BIG_ORGS:
            after.append(history(work, tracker, env, args.slow_runs))
            after.append(rollup(work, tracker, env, args.formats.split(","), args.slow_runs))
        shutil.rmtree(tracker, ignore_errors=True)
    for lines in after:
        section(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--orgs", default="1,20,200,1000", help="comma-separated sizes (default 1,20,200,1000)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slow-runs", type=int, default=1, help="runs of the slow cases at 1,000 (default 1)")
    parser.add_argument("--formats", default="markdown,html,pdf", help="roll-up paper formats at 1,000")
    parser.add_argument("--quick", action="store_true", help="20 and 200 organisations, 3 runs")
    args = parser.parse_args()
    if args.quick:
        args.orgs, args.runs = "20,200", 3
    compileall.compile_dir(REPO / "src", quiet=1)
    work = Path(tempfile.mkdtemp(prefix="francis-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRANCIS_", "GIT_"))}
    env.update(FRANCIS_AS_OF="2015-06-30", NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    sizes = [int(x) for x in args.orgs.split(",") if x.strip()]
    start = time.perf_counter()
    try:
        print(f"francis benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {args.runs} runs each")
        if BIG_ORGS in sizes:
            print(
                f"(at {BIG_ORGS:,} organisations the cold cases, the baseline, git and the paper: "
                f"{args.slow_runs} run(s))"
            )
        print()
        national_all(work, sizes, env, args)
        section(start_up(work, env, args.runs * 2))
        sizes_and_goals(sizes)
        section(goals_table())
        print(f"\n(whole run: {(time.perf_counter() - start) / 60:.0f} minutes)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
