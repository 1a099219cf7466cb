"""A workplan with one action per boundary of each kind of due period (the `dated` fixture in conftest.py)."""

from __future__ import annotations

from datetime import date

AS_OF = date(2024, 6, 15)

# one action per boundary: (id, due, status, expected days overdue or None)
BOUNDARIES = [
    ("d-yesterday", "2024-06-14", "in-progress", 1),
    ("d-today", "2024-06-15", "not-started", None),
    ("d-tomorrow", "2024-06-16", "not-started", None),
    ("m-last", "2024-05", "not-started", 15),
    ("m-this", "2024-06", "blocked", None),
    ("q-last", "2024-Q1", "in-progress", 76),
    ("q-this", "2024-Q2", "not-started", None),
    ("y-last", "2023", "not-started", 167),
    ("y-this", "2024", "not-started", None),
    ("done", "2023-01", "done", None),
    ("dropped", "2023-01", "dropped", None),
]


def boundary_workplan() -> str:
    lines = ["organisation: org-a", "agreed: 2024-01-01", "actions:"]
    for ident, due, status, _ in BOUNDARIES:
        lines += [
            f'  - id: "{ident}"',
            f"    title: Action {ident}",
            "    lead: DoQ",
            f"    due: {due}",
            f"    status: {status}",
        ]
        if status == "done":
            lines.append("    completed: 2023-01-20")
    lines += [
        '  - id: "no-due"',
        "    title: Never overdue",
        "    lead: CFO",
        "    progress:",
        "      - {date: 2023-10-01, note: Started.}",
    ]
    return "\n".join(lines) + "\n"
