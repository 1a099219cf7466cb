"""Checks: one module per family of rules over a loaded tracker, review rules over what moved
between two revisions, and ``run`` that applies them all and returns a ``CheckResult``."""
