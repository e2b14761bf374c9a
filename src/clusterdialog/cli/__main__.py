"""``python -m clusterdialog.cli``."""

from clusterdialog.cli import main

main()
