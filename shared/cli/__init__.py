"""The ``yizhan`` operations command line. Each area adds its commands in its own module."""
