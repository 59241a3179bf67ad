"""Talk to the running assistant in the terminal (`make shell`), over its REST channel.

`rasa shell` starts a Rasa server of its own on the port `make run` already holds; this talks to
the one `make run` (or `make run-scaled`) started instead, as any REST client does, so what it
shows is what users get. Buttons are numbered: type the number to press one. An empty line, or
"/quit", ends the session.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
import uuid
from typing import Any

TIMEOUT_S = 60
QUIT = "/quit"


def send(url: str, sender: str, text: str) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        url,
        data=json.dumps({"sender": sender, "message": text}).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
        return json.load(response)


def shown(messages: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, str]]]:
    """The lines to print and the buttons of the turn, numbered from 1."""
    lines: list[str] = []
    buttons: list[dict[str, str]] = []
    for message in messages:
        if message.get("text"):
            lines.append(str(message["text"]))
        for button in message.get("buttons") or []:
            buttons.append(button)
            lines.append(f"  {len(buttons)}. {button.get('title')}")
    return lines, buttons


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/chat_shell.py", description=__doc__)
    port = os.environ.get("RASA_PORT") or "5005"
    parser.add_argument("--url", default=f"http://127.0.0.1:{port}/webhooks/rest/webhook")
    args = parser.parse_args(argv)
    sender = f"shell-{uuid.uuid4().hex[:8]}"
    buttons: list[dict[str, str]] = []
    print(f"Talking to {args.url} (an empty line or {QUIT} ends).")
    while True:
        try:
            text = input("you> ").strip()
        except EOFError:
            return 0
        if not text or text == QUIT:
            return 0
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            text = buttons[int(text) - 1].get("payload") or text
        try:
            lines, buttons = shown(send(args.url, sender, text))
        except (urllib.error.URLError, OSError) as error:
            print(
                f"The assistant is not answering at {args.url} ({error}); start it with "
                "`make run` in another terminal.",
                file=sys.stderr,
            )
            return 1
        for line in lines or ["(no answer)"]:
            print(f"bot> {line}" if not line.startswith("  ") else line)


if __name__ == "__main__":
    sys.exit(main())
