"""Write a realistic national-scale tracker for benchmarks: N organisations, each with a full gap
assessment against the Francis catalogue and a workplan.

    python bench/generate.py OUT --orgs 200

Deterministic (seeded): the same arguments always give the same bytes. The catalogue is the
bundled one; positions are 300-800 characters of plausible prose, with evidence, action links,
workplans of about 50 actions with due dates and progress notes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = (
    "the trust has put in place a quality and safety framework with regular reporting to the board "
    "assurance committee patient experience complaints serious incidents are reviewed monthly and "
    "learning is shared across divisions an action plan has been agreed and progress will be "
    "monitored through the clinical quality review group commissioners receive exception reports "
    "staff engagement survey results ward to board visits further work is needed to embed "
    "openness candour and a culture of safety"
)
WORDS = SAMPLE.split()
RATINGS = ("red", "amber", "amber", "green", "green", "green", "blue")
STATUSES = ("not-started", "in-progress", "in-progress", "done", "blocked", "dropped")
ROLES = {
    "DoN": "Director of Nursing",
    "MD": "Medical Director",
    "CEO": "Chief Executive",
    "DoQ": "Director of Quality",
    "CFO": "Chief Finance Officer",
    "HoG": "Head of Governance",
}


def prose(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < target:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def folded(text: str, indent: int) -> str:
    pad = " " * indent
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > 96 - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return ">\n" + "".join(f"{pad}{x}\n" for x in lines)


def assessment_file(rng: random.Random, org: str, actions: list[str]) -> str:
    out = [
        f"organisation: {org}\nset: francis-2013\nassessed: 2014-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}\n"
        "assessments:\n"
    ]
    for number in range(1, 291):
        out.append(f"  - recommendation: {number}\n")
        if rng.random() < 0.03:
            out.append("    applicable: false\n    reason: A national matter for the Department of Health.\n")
            continue
        rating = rng.choice(RATINGS)
        out.append(f"    rating: {rating}\n    position: {folded(prose(rng, 300, 800), 6)}")
        if rating == "blue":  # the best rating rests on a recorded evidence record, as `check` asks
            month = rng.randint(1, 9)
            out.append(
                "    evidence:\n      - title: Board assurance report\n"
                f"        location: https://www.example.nhs.uk/{org}/board/2014-0{month}\n"
                f"        produced: 2014-0{month}-01\n"
            )
        elif rng.random() < 0.5:
            out.append(f"    evidence: [{prose(rng, 20, 50).rstrip('.')}, Board minutes {rng.randint(1, 12)}/2014]\n")
        if actions and rng.random() < 0.3:
            out.append(f'    actions: ["{rng.choice(actions)}"]\n')
    return "".join(out)


def workplan_file(rng: random.Random, org: str, n_actions: int) -> tuple[str, list[str]]:
    out = [f"organisation: {org}\ntitle: Francis response action plan 2014/15\nagreed: 2014-04-01\nsections:\n"]
    ids: list[str] = []
    per = n_actions // 4
    for s in range(1, 5):
        out.append(f'  - id: "{s}"\n    title: Workstream {s}\n    actions:\n')
        for a in range(1, per + 1):
            ident = f"{s}.{a}"
            ids.append(ident)
            status = rng.choice(STATUSES)
            due = date(2014, 4, 1) + timedelta(days=rng.randint(0, 700))
            quarter = f"{due.year}-Q{(due.month - 1) // 3 + 1}"
            due_text = rng.choice([due.isoformat(), f"{due.year}-{due.month:02d}", quarter])
            leads = rng.sample(sorted(ROLES), rng.randint(1, 2))
            out.append(
                f'      - id: "{ident}"\n        title: {prose(rng, 40, 110).rstrip(".")}\n'
                f"        lead: [{', '.join(leads)}]\n        outcome: {prose(rng, 40, 120).rstrip('.')}\n"
                f"        due: {due_text}\n        status: {status}\n"
            )
            if status == "done":
                out.append(f"        completed: {(due - timedelta(days=rng.randint(0, 60))).isoformat()}\n")
            out.append(f"        recommendations: [{rng.randint(1, 290)}, {rng.randint(1, 290)}]\n")
            notes = rng.randint(0, 3)
            if notes:
                out.append("        progress:\n")
                day = date(2014, 4, 1)
                for _ in range(notes):
                    day += timedelta(days=rng.randint(20, 90))
                    out.append(f"          - date: {day.isoformat()}\n            note: {prose(rng, 40, 160)}\n")
    return "".join(out), ids


def generate(out: Path, orgs: int, actions: int = 50, seed: int = 2013) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data" / "recommendations").mkdir(parents=True)
    (out / "data" / "assessments").mkdir()
    (out / "data" / "workplan").mkdir()
    (out / "francis.yaml").write_text("default_set: francis-2013\n", encoding="utf-8")
    shutil.copy(REPO / "data" / "recommendations" / "francis-2013.yaml", out / "data" / "recommendations")
    org_lines = ["organisations:\n"]
    for i in range(1, orgs + 1):
        org = f"trust-{i:03d}"
        org_lines.append(f"  - id: {org}\n    name: NHS Trust {i:03d}\n    roles:\n")
        org_lines.extend(f"      {k}: {v}\n" for k, v in ROLES.items())
        plan, ids = workplan_file(rng, org, actions)
        (out / "data" / "workplan" / f"{org}.yaml").write_text(plan, encoding="utf-8")
        (out / "data" / "assessments" / f"{org}.yaml").write_text(assessment_file(rng, org, ids), encoding="utf-8")
    (out / "data" / "organisations.yaml").write_text("".join(org_lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--orgs", type=int, default=200, help="number of organisations (default 200)")
    parser.add_argument("--actions", type=int, default=50, help="workplan actions per organisation (default 50)")
    parser.add_argument("--seed", type=int, default=2013)
    args = parser.parse_args()
    generate(args.out, args.orgs, args.actions, args.seed)
    size = sum(p.stat().st_size for p in args.out.rglob("*.yaml"))
    print(f"{args.out}: {args.orgs} organisations, {size / 1e6:.1f} MB of YAML")


if __name__ == "__main__":
    main()
