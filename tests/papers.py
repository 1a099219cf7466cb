"""The board-paper fixture (the `paper` fixture in conftest.py): a report section in francis.yaml, a fuller
workplan and assessment, and the same with text that tries to inject HTML, Markdown and Jinja."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .conftest import Tracker

AS_OF = "2024-06-10"

REPORT_CONFIG = """\
default_set: test-set
report:
  meeting: Trust Board (public session)
  date: 2024-06-27
  agenda_item: "7.2"
  attachment: "05"
  report_of: Chief Nurse
  lead_director: Director of Nursing and Quality
  author: Head of Quality Governance
  contact: quality@example.nhs.uk
  purpose: assurance
  assurance_level: reasonable
  period: April to June 2024
  key_sections: Section 3, the overdue actions.
  recommendation: >
    The Board is asked to note the position and take assurance from the workplan.
  committees:
    - {committee: Quality Committee, date: 2024-06-11, outcome: Endorsed for the Board}
    - {committee: Executive Management Team, date: 2024-05}
  strategic_risks:
    - {id: SR1, title: Patients may come to avoidable harm}
    - {id: SR4, title: The trust may not meet its regulatory standards}
  cqc_key_questions: [well-led, safe]
  financial_implications: Within existing budgets.
  other_implications: None.
  equality_analysis: Not required for a progress report.
  information_privacy: None; no personal data.
  communication_plan: >
    Published with the board papers; no implications under the Freedom of Information Act.
  extra_rows:
    - {label: Freedom of Information, value: Publishable in full}
"""

WORKPLAN = """\
organisation: org-a
title: Francis workplan 2024/25
agreed: 2024-01-15
sections:
  - id: "1"
    title: Strategy
    actions:
      - id: "1.1"
        title: Write the strategy
        lead: DoQ
        outcome: An agreed strategy
        due: 2024-03
        timeline: March 24
        status: in-progress
        progress:
          - {date: 2024-02-01, note: First draft shared., by: DoQ}
          - {date: 2024-05-20, note: Second draft to the executive.}
      - id: "1.2"
        title: Agree the budget
        lead: [DoQ, CFO]
        due: 2024-Q2
      - id: "1.3"
        title: Publish the response
        lead: CFO
        due: 2024-02
        status: done
        completed: 2024-02-20
"""

ASSESSMENT = """\
organisation: org-a
assessed: 2024-01-15
assessments:
  - recommendation: 1
    rating: amber
    position: Partly in place.
    evidence: [Board minutes]
  - recommendation: 2
    rating: green
    position: In place.
  - recommendation: 3
    applicable: false
    reason: A national matter.
"""

INJECTION = (
    '<script>alert("x")</script> a | b {{ 7*7 }} {% if true %}x{% endif %} '
    "[link](javascript:alert(1)) <img src=x onerror=alert(1)> **bold** `code`\n\nsecond | line"
)


def injected(tracker: Tracker) -> Tracker:
    import json

    text = ASSESSMENT.replace("position: Partly in place.", f"position: {json.dumps(INJECTION)}")
    tracker.write("data/assessments/org-a.yaml", text)
    tracker.write(
        "data/workplan/org-a.yaml", WORKPLAN.replace("title: Agree the budget", f"title: {json.dumps(INJECTION)}")
    )
    return tracker
