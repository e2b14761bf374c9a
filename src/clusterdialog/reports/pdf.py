"""The report as PDF: WeasyPrint renders the same self-contained HTML."""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["write_pdf"]


def write_pdf(html: str, path: Path) -> int:
    """Render ``html`` (self-contained, A4 page rules inline) to a PDF file at ``path``.

    No base URL is given, so nothing outside the HTML string can be loaded.
    Returns the number of pages.
    """
    from weasyprint import HTML

    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    document = HTML(string=html).render()
    document.write_pdf(path)
    return len(document.pages)
