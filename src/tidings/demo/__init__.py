"""The offline demo: a loopback web server playing thirteen fictional news sites.

``tidings demo`` starts :class:`DemoServer`, points a fresh workspace at it
through a resolve map and runs the whole pipeline without the internet.
"""

from tidings.demo.server import DemoServer
from tidings.demo.site import CorpusError, DemoArticle, LeadImage, Publisher, load_corpus

__all__ = ["CorpusError", "DemoArticle", "DemoServer", "LeadImage", "Publisher", "load_corpus"]
