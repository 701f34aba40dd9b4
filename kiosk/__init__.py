"""The self-service kiosk front end (its own issue)."""
