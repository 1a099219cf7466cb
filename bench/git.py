"""Time the commands that read git history against a warm `francis status`, and print the ratios.

    python bench/git.py                   # 200 and 1,000 organisations, 3 runs each
    python bench/git.py --orgs 200 --runs 5

For each size it generates a national tracker (bench/generate.py) in a git repository of four
commits: the first returns, a quarterly update in which every organisation changes its
assessments, then two commits in which a few organisations move a rating, a due date or add a
progress note; the work tree holds one more such edit, uncommitted. It then times, in separate
processes and alternating, with the cache warm as a working day has it:

- `francis status --by organisation` (the yardstick) and `francis diff HEAD~1`;
- `francis history 132` (one recommendation, every organisation) and `francis history ORG:1.2`
  (one action), each on its first run (the cache knows the work tree, not the history) and on
  its second.

It prints medians of wall and CPU seconds (CPU: the process and the git it runs) and the ratios
diff/status and second/first history run. An action's history reads only its organisation's
files, so even its first run is little more than loading the work tree: its ratio stays near 1.
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
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

ACTION = "trust-007:1.2"
"""The action whose history is timed: its organisation's workplan changes in the last commits."""


def francis() -> list[str]:
    exe = shutil.which("francis", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "francis_cli"]


def git(top: Path, *args: str, when: str = "2015-01-05T09:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.nhs.uk",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.nhs.uk",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    subprocess.run(["git", *args], cwd=top, env=env, check=True, capture_output=True)


def commit(top: Path, message: str, when: str) -> None:
    git(top, "add", "-A", when=when)
    git(top, "commit", "-q", "-m", message, when=when)


def rewrite(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def few_edits(root: Path, orgs: list[int], note: str) -> None:
    """A rating moved and an action's due date moved with a progress note, in a few organisations."""
    for i in orgs:
        rewrite(root / f"data/assessments/trust-{i:03d}.yaml", "rating: amber", "rating: green")
        plan = root / f"data/workplan/trust-{i:03d}.yaml"
        text = plan.read_text(encoding="utf-8")
        start, end = text.index('      - id: "1.2"'), text.index('      - id: "1.3"')
        block = re.sub(r"(?m)^        due: .*$", "        due: 2016-Q1", text[start:end], count=1)
        item = f"          - date: 2015-02-01\n            note: {note}\n"
        if "        progress:\n" in block:
            block = block.replace("        progress:\n", "        progress:\n" + item, 1)
        else:
            block += "        progress:\n" + item
        text = text[:start] + block + text[end:]
        plan.write_text(text, encoding="utf-8")


def repository(top: Path, n: int) -> None:
    """The generated tracker at ``top``, with its history (see the module's docstring)."""
    generate(top, n)
    git(top, "init", "-q", "-b", "main")
    commit(top, "First returns", "2014-10-01T09:00:00+00:00")
    for path in sorted((top / "data/assessments").glob("*.yaml")):
        rewrite(path, "rating: red", "rating: amber", 3)
        rewrite(path, "assessed: 2014-", "assessed: 2015-")
    commit(top, "Quarterly update", "2015-01-05T09:00:00+00:00")
    few_edits(top, [3, 7, 11], "Slipped behind the budget round.")
    commit(top, "Three trusts' January changes", "2015-01-20T09:00:00+00:00")
    few_edits(top, [7, 19], "Board asked for a new date.")
    commit(top, "Two trusts' February changes", "2015-02-10T09:00:00+00:00")
    few_edits(top, [23], "Awaiting the commissioner.")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process (CPU counts the git processes it waited for)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime


def linked_copy(src: Path, dst: Path) -> None:
    """A copy of a cache folder made of hard links: cheap, and the cache never writes in place."""
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, copy_function=os.link)


Case = Callable[[], tuple[list[str], dict[str, str]]]


def cases(top: Path, work: Path, env: dict[str, str]) -> dict[str, Case]:
    """Each timed command; a first run of history starts from a copy of the work tree's warm cache."""
    cmd = [*francis(), "--root", str(top)]
    warm, hot = work / "cache-warm", work / "cache-hot"
    out: dict[str, Case] = {
        "status": lambda: ([*cmd, "status", "--by", "organisation"], {**env, "XDG_CACHE_HOME": str(hot)}),
        "diff": lambda: ([*cmd, "diff", "HEAD~1"], {**env, "XDG_CACHE_HOME": str(hot)}),
    }
    for name, ref in (("recommendation", "132"), ("action", ACTION)):

        def first(ref: str = ref) -> tuple[list[str], dict[str, str]]:
            linked_copy(warm, work / "cache-first")
            return [*cmd, "history", ref], {**env, "XDG_CACHE_HOME": str(work / "cache-first")}

        out[f"{name} first"] = first
        out[f"{name} second"] = lambda ref=ref: ([*cmd, "history", ref], {**env, "XDG_CACHE_HOME": str(hot)})
    return out


def warm_up(top: Path, work: Path, env: dict[str, str]) -> None:
    """The caches a working day has: the work tree's (both), and the history's too (the hot one)."""
    cmd = [*francis(), "--root", str(top)]
    for folder in ("cache-warm", "cache-hot"):
        subprocess.run([*cmd, "status"], env={**env, "XDG_CACHE_HOME": str(work / folder)}, capture_output=True)
    for args in (["diff", "HEAD~1"], ["history", "132"], ["history", ACTION]):
        subprocess.run([*cmd, *args], env={**env, "XDG_CACHE_HOME": str(work / "cache-hot")}, capture_output=True)


def timings(top: Path, work: Path, runs: int, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each case of ``cases``, run ``runs`` times, alternating, on the
    repository ``top`` (made by ``repository``); ``work`` holds the caches, warmed here first."""
    warm_up(top, work, env)
    todo = cases(top, work, env)
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in todo}
    for _ in range(runs):
        for name, make in todo.items():  # alternating, so drift hits every case alike
            results[name].append(timed(*make()))
    return {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in results.items()}


def ratios(got: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The goals' ratios (wall, CPU): diff / warm status, and each history's second / first run."""
    out = {"diff HEAD~1 / warm status": (got["diff"][0] / got["status"][0], got["diff"][1] / got["status"][1])}
    for name in ("recommendation", "action"):
        first, second = got[f"{name} first"], got[f"{name} second"]
        out[f"history ({name}) second / first run"] = (second[0] / first[0], second[1] / first[1])
    return out


GOALS = {"diff HEAD~1 / warm status": 3.0, "history (recommendation) second / first run": 0.3}
"""Issue 12's goals (CPU ratios). The action's history is printed beside them without one: its first
run reads one organisation's files, so it is already little more than loading the work tree."""


def bench(n: int, runs: int, work: Path, env: dict[str, str]) -> None:
    top = work / f"t{n}"
    repository(top, n)
    got = timings(top, work, runs, env)
    mb = sum(p.stat().st_size for p in (top / "data").rglob("*.yaml")) / 1e6
    print(f"\n{n} organisations, {mb:.0f} MB of YAML, 4 commits; median of {runs} runs\n")
    print("| command | wall s | CPU s |\n|---|---:|---:|")
    for name, (wall, cpu) in got.items():
        print(f"| {name} | {wall:.2f} | {cpu:.2f} |")
    print("\n| ratio | wall | CPU | goal |\n|---|---:|---:|---:|")
    for name, (wall, cpu) in ratios(got).items():
        goal = GOALS.get(name)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {'' if goal is None else f'≤ {goal:g}'} |")
    sys.stdout.flush()
    for folder in ("cache-warm", "cache-hot", "cache-first", f"t{n}"):
        shutil.rmtree(work / folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--orgs", default="200,1000", help="comma-separated sizes (default 200,1000)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")], check=False)
    work = Path(tempfile.mkdtemp(prefix="francis-bench-git-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRANCIS_", "GIT_"))}
    env.update(FRANCIS_AS_OF="2015-06-30", NO_COLOR="1", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    try:
        print(f"francis git benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        for n in (int(x) for x in args.orgs.split(",")):
            bench(n, args.runs, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
