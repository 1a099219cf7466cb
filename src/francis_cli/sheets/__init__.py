"""Spreadsheets: CSV and XLSX read (``table``) and written (``export``), rows read as assessments
and actions (``rows``), and the fuzzy timescales action logs use (``timescale``)."""
