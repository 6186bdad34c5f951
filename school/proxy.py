"""The client's address behind the reverse proxy, for the login lockout and its records.

In production gunicorn listens on 127.0.0.1 behind nginx, so every request reaches Django
from 127.0.0.1: locking "a user name on one address" would lock that name for everyone.
Each trusted proxy appends the address it was connected from to X-Forwarded-For
(nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`), so with
settings.TRUSTED_PROXY_COUNT proxies in front of Django the client is the entry that many
places from the right. Entries further left were sent by the client and may be forged:
they are never read. A header with fewer entries than there are trusted proxies did not
pass through all of them, and an entry that is not an address is not believed: then the
address is the one the connection came from (the proxy's). With TRUSTED_PROXY_COUNT = 0
(Django serving clients directly) the header is ignored altogether.

django-axes asks this function through AXES_CLIENT_IP_CALLABLE (django-axes 8 reads
X-Forwarded-For only through the optional django-ipware package, which Kenesh does not use).
"""

import ipaddress

from django.conf import settings


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    entries = [entry for entry in (part.strip() for part in header.split(",")) if entry]
    if len(entries) < hops:
        return remote
    return _address(entries[-hops]) or remote
