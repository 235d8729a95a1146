"""Links to the trust's intranet: which web addresses are on it, and where a text holds one.

``trust.yml``'s ``intranet_hosts`` names the staff-only sites. The careers site must not link to them: a link
there shows outsiders the intranet's address and paths, and leads them to a login page at best.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

ADDRESS = re.compile(r"https?://[^\s<>()\[\]\"'`]*[^\s<>()\[\]\"'`.,;:!?]", re.IGNORECASE)
"""A web address in text, as Markdown links (``[text](address)``, ``<address>``) and bare text write it; a full
stop or comma after it ends the sentence, not the address."""
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?(https?://[^\s()<>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)", re.IGNORECASE)
"""A Markdown inline link: ``[text](address)``, maybe ``[text](<address> "title")``."""
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>", re.IGNORECASE)
HIDDEN = "the staff intranet"
"""What an address on a hidden host reads as: "the notes are on the staff intranet"."""


def host_of(url: str) -> str | None:
    """The host name of a web address, in lowercase and without a final dot; None when it has none."""
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def on_hosts(url: str, hosts: tuple[str, ...]) -> bool:
    """Whether ``url`` is on one of ``hosts`` (lowercase host names) or on a subdomain of one.

    ``https://intranet.trust.org/x`` and ``https://files.intranet.trust.org/x`` are on ``intranet.trust.org``;
    ``https://myintranet.trust.org`` is not.
    """
    host = host_of(url)
    return host is not None and any(host == h or host.endswith("." + h) for h in hosts)


def addresses(text: str, hosts: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(offset, address) of each web address in ``text`` that is on one of ``hosts``."""
    for found in ADDRESS.finditer(text):
        if on_hosts(found.group(), hosts):
            yield found.start(), found.group()


def hide(text: str, hosts: tuple[str, ...]) -> str:
    """Markdown ``text`` without an address on ``hosts``: a link to one keeps its words and loses the link, and an
    address written out (``<address>`` or bare) becomes "the staff intranet"."""
    if not hosts:
        return text
    text = _LINK.sub(lambda m: m.group(1) if on_hosts(m.group(2), hosts) else m.group(), text)
    text = _AUTOLINK.sub(lambda m: HIDDEN if on_hosts(m.group(1), hosts) else m.group(), text)
    return ADDRESS.sub(lambda m: HIDDEN if on_hosts(m.group(), hosts) else m.group(), text)
