"""francis: track an NHS organisation's response to public inquiry recommendations."""

__version__ = "0.1.0"
