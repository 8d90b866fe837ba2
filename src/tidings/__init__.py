"""Tidings: a self-hosted AI news desk.

The pipeline runs one way, a package per stage:
sources -> fetch -> extract -> curate -> store -> publish.
"""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/tidings-news/tidings"
