"""The address a request comes from, for per-address limits (sign-in, PINs, class codes).

Behind a reverse proxy every request reaches the server from the proxy's address, and the
client's own address is in X-Forwarded-For, a header anyone can also send. So the header is
read only when the request came from a proxy the operator named in TRUSTED_PROXIES, and only
as far as the proxies named there wrote it: walking it from the right (the hop nearest to
the server), the first address that is not a trusted proxy is the client.
"""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

# What a request with no IP address (a Unix socket, a hand-made request) counts as: one
# shared address, as it would be without a proxy, and a value the limit tables can store.
UNKNOWN_ADDRESS = "0.0.0.0"

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(request: HttpRequest) -> str:
    """The client's IP address: REMOTE_ADDR, or what the trusted proxies say it was."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return UNKNOWN_ADDRESS
    proxies = _networks(tuple(settings.TRUSTED_PROXIES))
    if not _is_trusted(peer, proxies):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed(forwarded):
        address = _parse(hop)
        if address is None:
            # A trusted proxy writes plain addresses; anything else came from the client, so
            # the nearest trusted hop is as far as the chain can be believed.
            break
        peer = address
        if not _is_trusted(address, proxies):
            break
    return str(peer)


def _parse(text: str) -> _Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    # A dual-stack server reports IPv4 clients as ::ffff:a.b.c.d: one client, one address.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@cache
def _networks(entries: tuple[str, ...]) -> tuple[_Network, ...]:
    # settings.py has checked each entry, so a typo stops start-up rather than a request.
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: _Address, proxies: tuple[_Network, ...]) -> bool:
    return any(address in network for network in proxies)
