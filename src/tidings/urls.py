"""URL rules shared by every stage: tracking-free links and "same site" checks.

Two links to one article must compare equal, so the pipeline keys articles by
:func:`strip_tracking` output. Canonical links and provider names are decided by
the registrable domain (the part a publisher actually owns), which comes from
the Public Suffix List snapshot bundled with ``tldextract``: the list is never
fetched at run time, so results do not depend on the network or a cache.
"""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import unquote_plus, urlsplit, urlunsplit

import tldextract

__all__ = ["TRACKING_PARAMS", "registrable_domain", "same_site", "strip_tracking"]

#: Query parameters that identify a click, campaign or sharer, never the content.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
        "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "spm", "cmpid", "ref", "ref_src", "ref_url",
        "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "rb_clickid",
        "s_cid", "vero_id", "vero_conv", "wickedid", "ncid", "ocid", "sr_share", "smid", "cmp",
        "guccounter", "guce_referrer", "guce_referrer_sig", "at_medium", "at_campaign",
        "wt.mc_id", "wt_mc_id", "trk", "trkcampaign", "sc_cid", "icid", "soc_src", "soc_trk",
    }
)
# Whole families, e.g. utm_source, utm_medium, utm_campaign ...
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_")

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    key = name.strip().lower()
    return key in TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """Return ``url`` without tracking parameters or ``#fragment``.

    Scheme and host are lower-cased and a default port is dropped; every other
    parameter keeps its position and its original encoding, because some
    servers are picky about both.

    Raises ``ValueError`` when ``url`` is not an absolute http(s)-style URL.
    """
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        raise ValueError(f"not an absolute URL: {url!r}")
    scheme = parts.scheme.lower()
    netloc = _normalise_netloc(parts.netloc, scheme)
    kept = [
        pair
        for pair in parts.query.split("&")
        if pair and not _is_tracking(unquote_plus(pair.split("=", 1)[0]))
    ]
    return urlunsplit((scheme, netloc, parts.path, "&".join(kept), ""))


def _normalise_netloc(netloc: str, scheme: str) -> str:
    userinfo, at, hostport = netloc.rpartition("@")
    host, port = hostport, ""
    # "[::1]:8080" keeps its brackets; only a trailing ":digits" is a port.
    match = re.fullmatch(r"(.*?):(\d*)", hostport)
    if match and not hostport.endswith("]"):
        host, port = match.group(1), match.group(2)
    if port and int(port) == _DEFAULT_PORTS.get(scheme):
        port = ""
    host = host.lower().rstrip(".")
    return f"{userinfo}{at}{host}{':' + port if port else ''}"


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # No suffix-list URLs and no cache dir: only the snapshot shipped in the wheel.
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def _host_of(url_or_host: str) -> str:
    text = url_or_host.strip()
    if "://" in text:
        host = urlsplit(text).hostname or ""
    else:
        host = text.split("/", 1)[0].rsplit("@", 1)[-1]
        if host.startswith("["):
            host = host[1 : host.find("]")] if "]" in host else host[1:]
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
    return host.strip("[]").rstrip(".").lower()


@lru_cache(maxsize=4096)
def registrable_domain(url_or_host: str) -> str:
    """The domain a publisher registered: ``"www.bbc.co.uk"`` -> ``"bbc.co.uk"``.

    Accepts a URL or a bare host. Hosts under a suffix the bundled list does not
    know (the reserved ``.example``/``.test``, intranet names) give their last two
    labels; IP addresses come back unchanged. Raises ``ValueError`` when no host
    can be found.
    """
    host = _host_of(url_or_host)
    if not host:
        raise ValueError(f"no host in {url_or_host!r}")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return host
    parts = _extractor()(host)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}"
    return ".".join(host.split(".")[-2:])


def same_site(a: str, b: str) -> bool:
    """True when two URLs (or hosts) share a registrable domain."""
    return registrable_domain(a) == registrable_domain(b)
