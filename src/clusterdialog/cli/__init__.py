"""The ``clusterdialog`` command line: parse, call the library, write files.

Every command is thin: it reads the input with a reader, calls library
functions and writes tables.  Errors become one clear line on stderr and exit
code 2, never a traceback; data-quality warnings are shown as notes.  Each
command lives in its own module and registers itself on :data:`app`.
"""

from clusterdialog.cli import demo, identify, measures, network, platform, valuechain  # noqa: F401
from clusterdialog.cli._common import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``clusterdialog`` console script."""
    app()
