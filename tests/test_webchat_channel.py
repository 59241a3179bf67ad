"""The origins the web chat's socket.io channel accepts (channels/webchat.py), without a server."""

from __future__ import annotations

import pytest

from channels.webchat import OriginsError, allowed_origins


def test_default_is_the_chat_page_on_both_loopback_names() -> None:
    assert allowed_origins({}) == ["http://127.0.0.1:8080", "http://localhost:8080"]


def test_default_follows_the_page_port() -> None:
    assert allowed_origins({"WEB_PORT": "9000", "WEB_ALLOWED_ORIGINS": " "}) == [
        "http://127.0.0.1:9000",
        "http://localhost:9000",
    ]


def test_configured_origins_comma_or_space_separated() -> None:
    configured = "https://Chat.Example.org, http://127.0.0.1:8080/  https://chat.example.org"
    assert allowed_origins({"WEB_ALLOWED_ORIGINS": configured}) == [
        "https://chat.example.org",
        "http://127.0.0.1:8080",
    ]


def test_star_allows_any_origin() -> None:
    assert allowed_origins({"WEB_ALLOWED_ORIGINS": "*"}) == "*"


@pytest.mark.parametrize(
    "configured",
    ["chat.example.org", "ftp://chat.example.org", "https://chat.example.org/chat", "http://"],
)
def test_a_value_that_is_not_an_origin_is_refused_naming_the_variable(configured: str) -> None:
    with pytest.raises(OriginsError, match="WEB_ALLOWED_ORIGINS"):
        allowed_origins({"WEB_ALLOWED_ORIGINS": configured})


def test_a_bad_page_port_is_refused() -> None:
    with pytest.raises(OriginsError, match="WEB_PORT"):
        allowed_origins({"WEB_PORT": "80; rm"})
