"""The login lockout behind the reverse proxy: the client's address, not the proxy's."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import RequestFactory

from school.proxy import client_address

PROXY = "127.0.0.1"


def _request(forwarded=None, remote=PROXY):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_the_default_matches_one_nginx_in_front_of_gunicorn():
    assert settings.TRUSTED_PROXY_COUNT == 1
    assert settings.AXES_CLIENT_IP_CALLABLE == "school.proxy.client_address"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        # nginx appends the address it was connected from: that is the client.
        (1, "203.0.113.5", "203.0.113.5"),
        # Whatever the client put in front of it is not read.
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
        # No header: the connection's own address (the proxy's).
        (1, None, PROXY),
        (1, "", PROXY),
        (1, " , ", PROXY),
        # An entry that is not an address is not believed.
        (1, "<script>", PROXY),
        (1, "203.0.113.5, unknown", PROXY),
        # Two proxies: the client is the second entry from the right.
        (2, "198.51.100.1, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # A header that did not pass through both proxies counts as the proxy's address.
        (2, "203.0.113.5", PROXY),
        # Without a proxy the header is forged whatever it says.
        (0, "203.0.113.5", PROXY),
    ],
)
def test_client_address(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = hops
    assert client_address(_request(forwarded)) == expected


def _login(client, client_ip, password):
    return client.post(
        "/accounts/login/",
        {"username": "deputy", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_ip,
    )


def test_failures_behind_the_proxy_lock_only_the_address_they_came_from(client, world):
    attacker, deputy_desk = "203.0.113.5", "192.168.1.20"
    statuses = [_login(client, attacker, "wrong").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]  # the fifth failure locks
    # The attacker's address is locked for that user name, even with the right password...
    assert _login(client, attacker, "kenesh-test").status_code == 429
    # ...and forging the header in front of the proxy's entry does not get round it.
    assert _login(client, f"{deputy_desk}, {attacker}", "kenesh-test").status_code == 429
    assert AccessAttempt.objects.get(username="deputy").ip_address == attacker
    # The deputy, at another computer behind the same proxy, still logs in.
    response = _login(client, deputy_desk, "kenesh-test")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_without_the_proxy_a_forged_header_does_not_escape_the_lockout(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(5):
        _login(client, f"203.0.113.{attempt}", "wrong")
    assert _login(client, "203.0.113.200", "kenesh-test").status_code == 429
