"""Second-generation ID card readers: GA/T 467 serial protocol, vendor SDK, emulator.

Import the pieces from their modules (``shared.devices.idcard.factory.open_reader`` is the
usual entry point); this package imports nothing heavy at start-up.
"""
