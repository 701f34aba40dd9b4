"""Frozen entry point of the ``yizhan`` operations CLI (PyInstaller)."""
import sys

from shared.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
