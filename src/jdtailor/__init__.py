"""jdtailor: job postings tailored to one company, grounded in a curated corpus."""

__version__ = "0.1.0"
__all__ = ["__version__"]
