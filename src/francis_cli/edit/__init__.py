"""Edit: the only writer of data files. ``transaction`` validates, locks and writes; ``files`` holds a
file's change; one module per kind of edit (assessments, actions, sheets) and ``scaffold`` for init."""
