"""Spreadsheets: CSV and XLSX read (``table``) and written (``export``), rows read as assessments
and actions (``rows``), the fuzzy timescales action logs use (``timescale``), and the bounds on
what one spreadsheet may ask of an import (``limits``, and ``workbook`` for an XLSX's zip)."""
