"""Renderers: they take computed results, never raw YAML."""
