"""Frozen entry point of the counter application (PyInstaller)."""
import sys

from counter.app import main

if __name__ == "__main__":
    sys.exit(main())
