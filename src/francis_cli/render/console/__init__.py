"""The terminal (rich): one module per view, and ``common`` for the console itself."""
