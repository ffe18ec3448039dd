"""himflow: the spine (settings, adapters, error policy, logging, embedded stack, CLI)."""

__version__ = "0.1.0"
