"""Exports: writers keyed by format, each turning a built table into bytes.

- :mod:`reviewkit.export.evidence`: evidence tables (``EVIDENCE_WRITERS``:
  csv, xlsx, md, html, json) and :func:`~reviewkit.export.evidence.export_evidence`.
- :mod:`reviewkit.export.records`: bibliographic records (``RECORD_WRITERS``:
  ris, bibtex, csv) and :func:`~reviewkit.export.records.export_records`.
- :mod:`reviewkit.export.prisma`: the PRISMA 2020 flow diagram.
- :mod:`reviewkit.export.audit`: every decision and extraction edit.

Spreadsheet formats never carry a live formula (:mod:`reviewkit.export.safe`).
Heavy libraries (openpyxl, matplotlib) are imported by the writer that needs them.
"""
