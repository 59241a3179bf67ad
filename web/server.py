"""Serve the web chat page: index.html, its scripts and style, and the rasa-webchat bundle.

    python web/server.py [--host 127.0.0.1] [--port 8080]    (the Procfile's `web` line)

Only the files named in FILES are served, all from this folder: no directory listing, nothing else
from node_modules, nothing from another host. The page learns where the Rasa server is from
/config.js, written per request: $WEB_SOCKET_URL if set, otherwise the host the page was opened on
with port $RASA_PORT (default 5005), so a page opened on localhost talks to localhost.

Every response carries a Content-Security-Policy that lets the page load scripts, styles and
images only from here and connect only to the Rasa server. That keeps the page working offline
(the widget's stylesheet imports a web font from a CDN; the policy stops the request), and is a
second line of defence behind the widget's own escaping of message text.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
# The listen queue when SANIC_BACKLOG is not set: socketserver's own.
DEFAULT_BACKLOG = 5
WIDGET_BUNDLE = HERE / "node_modules" / "rasa-webchat" / "lib" / "index.js"

# URL path -> (file, content type). Nothing else is served.
FILES = {
    "/": (HERE / "index.html", "text/html; charset=utf-8"),
    "/chat.css": (HERE / "chat.css", "text/css; charset=utf-8"),
    "/chat.js": (HERE / "chat.js", "text/javascript; charset=utf-8"),
    "/accessibility.js": (HERE / "accessibility.js", "text/javascript; charset=utf-8"),
    "/webchat.js": (WIDGET_BUNDLE, "text/javascript; charset=utf-8"),
}
# The widget's stylesheets @import a web font from a CDN. The page must not reach out to other
# hosts (and works offline), so the bundle is served without those imports; the font falls back to
# the page's own (chat.css). The Content-Security-Policy below would block them anyway.
CDN_IMPORT = re.compile(rb"@import url\(https?://[^)]*\);?")
# A Host header's host part we are willing to echo into the page's config: a DNS name, an IPv4
# address or a bracketed IPv6 address. Anything else falls back to the address we listen on.
HOSTNAME = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]")


def split_host(host_header: str | None) -> str | None:
    """The host part of a Host header ("localhost:8080" -> "localhost"), if it is well formed."""
    if not host_header:
        return None
    host = host_header.strip()
    if host.startswith("["):
        host = host[: host.find("]") + 1]
    else:
        host = host.rsplit(":", 1)[0]
    return host if HOSTNAME.fullmatch(host) else None


class ChatPageServer(ThreadingHTTPServer):
    """The threading HTTP server with its listen queue sized as the Rasa server's
    (SANIC_BACKLOG, set by the Makefile); socketserver's own is 5, so a burst of visitors
    opening the page at once waits seconds for the browser to try again."""

    request_queue_size = int(os.environ.get("SANIC_BACKLOG") or DEFAULT_BACKLOG)


class ChatPageHandler(BaseHTTPRequestHandler):
    """GET and HEAD for the page's files, /config.js and /health; 404 for anything else."""

    server_version = "tpm-web-chat"
    # Set by serve(): where the Rasa server is.
    rasa_port: int = 5005
    socket_url: str | None = None
    fallback_host: str = "127.0.0.1"

    def version_string(self) -> str:
        return self.server_version

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self.respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(send_body=False)

    def socket_url_for_request(self) -> str:
        if self.socket_url:
            return self.socket_url
        host = split_host(self.headers.get("Host")) or self.fallback_host
        return f"http://{host}:{self.rasa_port}"

    def content_security_policy(self, socket_url: str) -> str:
        parts = urlsplit(socket_url)
        websocket = "wss" if parts.scheme == "https" else "ws"
        return "; ".join(
            [
                "default-src 'none'",
                "script-src 'self'",
                # The widget injects its stylesheets as <style> elements.
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                # The widget's carousel stylesheet embeds its icon font as data: URLs.
                "font-src data:",
                f"connect-src 'self' {parts.scheme}://{parts.netloc} {websocket}://{parts.netloc}",
                "base-uri 'none'",
                "form-action 'none'",
                "frame-ancestors 'none'",
            ]
        )

    def respond(self, send_body: bool) -> None:
        path = urlsplit(self.path).path
        socket_url = self.socket_url_for_request()
        if path == "/health":
            body, content_type = b"ok\n", "text/plain; charset=utf-8"
        elif path == "/config.js":
            config = {"socketUrl": socket_url, "socketPath": "/socket.io/"}
            # json.dumps escapes quotes; "<" is escaped too so the text can never close a tag.
            text = json.dumps(config).replace("<", "\\u003c")
            body = f"window.TPM_WEBCHAT_CONFIG = {text};\n".encode()
            content_type = "text/javascript; charset=utf-8"
        elif path in FILES:
            file, content_type = FILES[path]
            try:
                body = file.read_bytes()
            except OSError:
                self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR, f"cannot read {file.name}")
                return
            if file == WIDGET_BUNDLE:
                body = CDN_IMPORT.sub(b"", body)
        else:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", self.content_security_policy(socket_url))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (base signature)
        sys.stdout.write(f"{self.address_string()} {format % args}\n")
        sys.stdout.flush()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the TPM assistant's web chat page.")
    parser.add_argument("--host", default=os.environ.get("WEB_HOST") or "127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT") or 8080))
    parser.add_argument(
        "--rasa-port",
        type=int,
        default=int(os.environ.get("RASA_PORT") or 5005),
        help="port of the Rasa server the page talks to (default $RASA_PORT or 5005)",
    )
    parser.add_argument(
        "--socket-url",
        default=os.environ.get("WEB_SOCKET_URL") or None,
        help="the Rasa server's URL as the browser reaches it (default: the page's host, "
        "port --rasa-port)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not WIDGET_BUNDLE.is_file():
        print(
            f"Web chat not started: {WIDGET_BUNDLE.relative_to(HERE.parent)} is missing; "
            "run `make install` (npm ci in web/).",
            file=sys.stderr,
        )
        return 1
    if args.socket_url and urlsplit(args.socket_url).scheme not in ("http", "https"):
        print(f"Web chat not started: bad socket URL {args.socket_url!r}", file=sys.stderr)
        return 1
    ChatPageHandler.rasa_port = args.rasa_port
    ChatPageHandler.socket_url = args.socket_url
    shown_host = "127.0.0.1" if args.host in ("", "0.0.0.0", "::") else args.host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"
    ChatPageHandler.fallback_host = shown_host
    server = ChatPageServer((args.host, args.port), ChatPageHandler)
    server.daemon_threads = True
    # honcho stops its processes with SIGTERM; leave serve_forever() cleanly on it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"Web chat: http://{shown_host}:{server.server_port}/", flush=True)
    try:
        server.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
