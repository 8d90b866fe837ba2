"""Curation: what is AI news, what it is about, which articles tell one story, how much it matters.

The rules here are interim and documented in each module; the interface
(:class:`Curator`, :class:`Item`, :class:`Decision`) is what the pipeline and
``tidings curate`` rely on.
"""

from tidings.curate.desk import Curator
from tidings.curate.items import Decision, Item, Topic

__all__ = ["Curator", "Decision", "Item", "Topic"]
