"""Strict pydantic models of every file kind a tracker holds, one module per kind.

Import from the module that defines a name (``models.workplan.Action``): this package imports
nothing itself, so ``models.vocab`` can be used without building any model.
"""
