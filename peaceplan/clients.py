"""Who is asking: the client address that throttles and login limits count by.

X-Forwarded-For is written by whoever sends the request, so by itself it proves nothing: a
client that sends a new one with every request would never be throttled. It is believed
only when ``TRUSTED_PROXIES`` names the proxies in front of the app, and then only the
entries those proxies appended:

- a number N: N proxies stand in front, each appending the address it received from; the
  client is the N-th address from the right of X-Forwarded-For followed by REMOTE_ADDR;
- addresses or networks: walking from REMOTE_ADDR leftwards through X-Forwarded-For, the
  first address that is not a trusted proxy is the client.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if not trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [address.strip() for address in forwarded.split(",") if address.strip()]
    chain.append(remote)
    if isinstance(trusted, int):
        return chain[max(len(chain) - 1 - trusted, 0)]
    networks = [ipaddress.ip_network(item, strict=False) for item in trusted]
    for address in reversed(chain):
        if not _is_within(address, networks):
            return address
    return chain[0]


def _is_within(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        # Not an address (a proxy wrote "unknown", or a client wrote anything): not a proxy.
        return False
    return any(ip in network for network in networks)
