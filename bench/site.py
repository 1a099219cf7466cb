"""Time `francis site` on a national tracker: a first build, and a rebuild that writes nothing.

    python bench/site.py                  # 200 organisations
    python bench/site.py --orgs 50 --runs 3

It makes the tracker of bench/git.py (bench/generate.py's organisations in a git repository of
four commits, one more edit uncommitted) and times, in separate processes, with the cache warm as
a working day has it: the first build into an empty folder (every page, the data, the history of
every item from git) and a rebuild of the same folder, which finds every file unchanged and writes
none. It prints wall and CPU seconds (CPU: the process and the git it runs), the files the site
holds and the files each build wrote.

The NHS.UK frontend is the one `npm ci --prefix tests/browser` installs, or $FRANCIS_NHSUK_FRONTEND.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from git import francis, repository  # noqa: E402

FRONTEND = HERE.parent / "tests" / "browser" / "node_modules" / "nhsuk-frontend" / "dist"
WROTE = re.compile(r"(\d+) of (\d+) files written")


def build(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, int]:
    """One build: wall and CPU seconds, files written and files of the site."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    found = WROTE.search(err)
    if os.waitstatus_to_exitcode(status) != 0 or found is None:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, int(found[1]), int(found[2])


Build = tuple[float, float, int, int]
"""Wall and CPU seconds, files written and files of the site."""


def builds(top: Path, runs: int, work: Path, env: dict[str, str]) -> tuple[list[Build], list[Build]]:
    """``runs`` first builds of the site of the tracker ``top`` into an empty folder, each followed by
    a rebuild of the same folder; the cache is warmed first (``env`` names it)."""
    cmd = [*francis(), "--root", str(top), "site"]
    subprocess.run([*francis(), "--root", str(top), "check"], env=env, capture_output=True, check=False)  # warm
    firsts, rebuilds = [], []
    for i in range(runs):
        out = work / f"site-{i}"
        firsts.append(build([*cmd, "-o", str(out)], env))
        rebuilds.append(build([*cmd, "-o", str(out)], env))
        shutil.rmtree(out, ignore_errors=True)
    return firsts, rebuilds


def medians(got: list[Build]) -> tuple[float, float]:
    return statistics.median(g[0] for g in got), statistics.median(g[1] for g in got)


def bench(n: int, runs: int, work: Path, env: dict[str, str]) -> None:
    top = work / f"t{n}"
    start = time.perf_counter()
    repository(top, n)
    print(f"\n{n} organisations (tracker made in {time.perf_counter() - start:.1f} s)")
    firsts, rebuilds = builds(top, runs, work, env)
    for name, got in (("first build", firsts), ("rebuild", rebuilds)):
        wall, cpu = medians(got)
        print(f"  {name:<12} {wall:7.2f} s wall {cpu:7.2f} s CPU   {got[0][2]:>6} of {got[0][3]} files written")


def frontend() -> str:
    """The NHS.UK frontend to build with: $FRANCIS_NHSUK_FRONTEND, else the tests' installed one."""
    return os.environ.get("FRANCIS_NHSUK_FRONTEND") or str(FRONTEND)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--orgs", default="200", help="comma-separated sizes (default 200)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRANCIS_", "GIT_"))}
    env.update(FRANCIS_AS_OF="2015-06-30", NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    env.update(FRANCIS_NHSUK_FRONTEND=frontend())
    work = Path(tempfile.mkdtemp(prefix="francis-bench-site-"))
    try:
        print(f"francis site benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        for n in (int(x) for x in args.orgs.split(",")):
            bench(n, args.runs, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
