"""The chat page in a real browser: Chromium, the page server, and a greeted visitor.

Shared by the browser tests (tests/test_web_chat.py, tests/test_web_chat_readiness.py); they
import the fixtures from here. Chromium is Debian's (/usr/bin/chromium; `.ci/run` installs it
when missing), driven headless by Playwright for Python.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from actions.replies import answer_buttons_for, menu_buttons
from knowledge.loader import Knowledge, Role
from tests.servers import Stack, web_server
from tests.web_accessibility_audit import blocking_violations

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# No sandbox: CI runs as root in a container. The rest keeps Chromium from calling home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Long enough for the first NLU call of a cold server; a passing wait ends as soon as it can.
TIMEOUT_MS = 30_000

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="module")
def page_url(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The chat page, served by web/server.py exactly as the Procfile starts it."""
    server = web_server(tmp_path_factory.mktemp("web"), stack.env, stack.rasa_url)
    server.start()
    try:
        yield server.health_url.removesuffix("health")
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does this)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Chat:
    """One browser tab on the chat page, with what it requested and what went wrong in it."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self) -> None:
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on(
            "console",
            lambda message: (
                self.errors.append(f"console: {message.text}") if message.type == "error" else None
            ),
        )
        self.page.goto(self.url)

    @property
    def groups(self) -> Locator:
        """Runs of consecutive messages from one side: user, bot, user, bot, ..."""
        return self.page.locator("#chat .rw-group-message")

    @property
    def user_messages(self) -> Locator:
        return self.page.locator("#chat .rw-from-client .rw-message-text")

    @property
    def bot_messages(self) -> Locator:
        return self.page.locator("#chat .rw-from-response .rw-message-text")

    def ask(self, question: str) -> None:
        asked = self.user_messages.count()
        box = self.page.locator(".rw-new-message")
        box.fill(question)
        box.press("Enter")
        expect(self.user_messages).to_have_count(asked + 1)
        expect(self.user_messages.last).to_have_text(question)

    def expect_reply(self, texts: list[str], buttons: list[str]) -> None:
        """The latest bot turn is exactly these messages, with these quick replies under it."""
        turn = self.groups.last
        expect(turn).to_have_class(re.compile(r"\brw-from-response\b"))
        expect(turn.locator(".rw-message-text")).to_have_text(texts)
        expect(self.page.locator("#chat .rw-reply")).to_have_text(buttons)

    def expect_answer(self, knowledge: Knowledge, role: Role, topic_key: str) -> None:
        """The answer of `role` on `topic_key`, its Source line, and its follow-up questions."""
        answer = role.answers[topic_key]
        topic = knowledge.topics[topic_key]
        turn = self.groups.last
        expect(turn).to_have_class(re.compile(r"\brw-from-response\b"))
        messages = turn.locator(".rw-message-text")
        expect(messages).to_have_count(2)
        expect(messages.first).to_have_text(answer.text)
        source_line = messages.last
        expect(source_line).to_have_text(re.compile(r"^Sources?: "))
        for source in answer.sources:
            expect(source_line).to_contain_text(source.title)
        titles = [b["title"] for b in answer_buttons_for(knowledge, role, topic, answer)]
        expect(self.page.locator("#chat .rw-reply")).to_have_text(titles)

    def quick_reply(self, title: str) -> Locator:
        return self.page.get_by_role("button", name=title, exact=True)

    def expect_accessible(self) -> None:
        """axe-core finds no serious or critical violation on the page as it is now."""
        assert blocking_violations(self.page) == []

    def session_id(self) -> str:
        """The conversation id the widget keeps in localStorage (Rasa's sender id)."""
        stored = self.page.evaluate("localStorage.getItem('chat_session')")
        return json.loads(stored)["session_id"]


@contextmanager
def chat_tab(browser: Browser, url: str, **context_options: object) -> Iterator[Chat]:
    options = {"viewport": {"width": 900, "height": 720}, **context_options}
    context = browser.new_context(**options)
    try:
        chat = Chat(context.new_page(), url)
        chat.open()
        yield chat
    finally:
        context.close()


@pytest.fixture()
def chat(browser: Browser, page_url: str, knowledge: Knowledge) -> Iterator[Chat]:
    """A new visitor on the chat page, greeted and offered the topics."""
    with chat_tab(browser, page_url) as tab:
        tab.expect_reply(
            [knowledge.messages["greeting"]], [b["title"] for b in menu_buttons(knowledge)]
        )
        yield tab
