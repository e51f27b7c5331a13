"""`python -m planctl`."""

from planctl.cli.app import main

main()
