"""The command-line interface: thin commands over the library, one error handler."""

from .app import app, main

__all__ = ["app", "main"]
