"""The feeds ``tidings init`` subscribes a new workspace to.

A mix of AI labs' own blogs (first-hand announcements) and the AI sections of
technology newsrooms (reporting and context), one feed per host so that no
single publisher dominates a fresh desk. Users edit the list afterwards.
"""

from __future__ import annotations

from tidings.sources.opml import Subscription


def _feed(title: str, url: str, site_url: str) -> Subscription:
    return Subscription(url=url, title=title, site_url=site_url, kind="feed")


DEFAULT_SOURCES: list[Subscription] = [
    # Labs and research groups
    _feed("OpenAI News", "https://openai.com/news/rss.xml", "https://openai.com/news/"),
    _feed(
        "Google DeepMind Blog", "https://deepmind.google/blog/rss.xml", "https://deepmind.google/"
    ),
    _feed(
        "Google AI (The Keyword)",
        "https://blog.google/technology/ai/rss/",
        "https://blog.google/technology/ai/",
    ),
    _feed("Google Research Blog", "https://research.google/blog/rss/", "https://research.google/"),
    _feed(
        "Microsoft Research Blog",
        "https://www.microsoft.com/en-us/research/feed/",
        "https://www.microsoft.com/en-us/research/",
    ),
    _feed("NVIDIA Blog", "https://blogs.nvidia.com/feed/", "https://blogs.nvidia.com/"),
    _feed(
        "Hugging Face Blog", "https://huggingface.co/blog/feed.xml", "https://huggingface.co/blog"
    ),
    _feed(
        "AWS Machine Learning Blog",
        "https://aws.amazon.com/blogs/machine-learning/feed/",
        "https://aws.amazon.com/blogs/machine-learning/",
    ),
    _feed(
        "Berkeley AI Research Blog",
        "https://bair.berkeley.edu/blog/feed.xml",
        "https://bair.berkeley.edu/blog/",
    ),
    _feed(
        "MIT News: Artificial intelligence",
        "https://news.mit.edu/rss/topic/artificial-intelligence2",
        "https://news.mit.edu/topic/artificial-intelligence2",
    ),
    # Newsrooms' AI sections
    _feed(
        "MIT Technology Review: AI",
        "https://www.technologyreview.com/topic/artificial-intelligence/feed",
        "https://www.technologyreview.com/topic/artificial-intelligence/",
    ),
    _feed(
        "The Verge: AI",
        "https://www.theverge.com/rss/ai-artificial-intelligence/index.xml",
        "https://www.theverge.com/ai-artificial-intelligence",
    ),
    _feed(
        "TechCrunch: AI",
        "https://techcrunch.com/category/artificial-intelligence/feed/",
        "https://techcrunch.com/category/artificial-intelligence/",
    ),
    _feed(
        "VentureBeat: AI",
        "https://venturebeat.com/category/ai/feed/",
        "https://venturebeat.com/category/ai/",
    ),
    _feed("Ars Technica: AI", "https://arstechnica.com/ai/feed/", "https://arstechnica.com/ai/"),
    _feed(
        "Wired: AI",
        "https://www.wired.com/feed/tag/ai/latest/rss",
        "https://www.wired.com/tag/artificial-intelligence/",
    ),
    _feed(
        "IEEE Spectrum: AI",
        "https://spectrum.ieee.org/feeds/topic/artificial-intelligence.rss",
        "https://spectrum.ieee.org/topic/artificial-intelligence/",
    ),
    _feed(
        "The Guardian: Artificial intelligence",
        "https://www.theguardian.com/technology/artificialintelligenceai/rss",
        "https://www.theguardian.com/technology/artificialintelligenceai",
    ),
]
