"""The workflow of a case: steps, status and commands every front end uses (Qt-free)."""
