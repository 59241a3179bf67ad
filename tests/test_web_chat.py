"""The web chat page in a real browser, against the real page server, Rasa server and action server.

Chromium is Debian's (/usr/bin/chromium; `.ci/run` installs it when missing), driven headless by
Playwright for Python (tests/browser_chat.py). The servers start once for the session (conftest's
`stack`, plus the page server); each test gets a fresh browser context, so a fresh conversation.
Expected text comes from the knowledge file, through the same code the actions use for buttons.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from playwright.sync_api import Browser, expect

from actions.replies import follow_up_buttons, menu_buttons
from knowledge.loader import Knowledge
from tests.browser_chat import Chat, chat_tab
from tests.conftest import KnowledgeWriter
from tests.servers import ROOT, ManagedProcess, Stack, action_server

# Every test here starts the real servers (`make test-unit` leaves them out).
pytestmark = pytest.mark.server

SCREENSHOT = ROOT / "docs" / "web-chat.png"
XSS_MESSAGES = ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=1</script>"]


def test_page_opens_with_title_purpose_greeting_and_topic_buttons(chat: Chat) -> None:
    # The greeting and its buttons are checked by the fixture; here the page around them.
    expect(chat.page).to_have_title("TPM career assistant")
    expect(chat.page.locator("h1")).to_have_text("TPM career assistant")
    expect(chat.page.locator(".purpose")).to_contain_text("every answer names its source")
    expect(chat.page.locator(".rw-new-message")).to_be_visible()
    chat.expect_accessible()
    assert chat.errors == []


def test_typed_questions_get_their_answers(chat: Chat, knowledge: Knowledge) -> None:
    tpm = knowledge.default_role
    coordinator = knowledge.roles["project_coordinator"]

    chat.ask("How much does a TPM earn?")
    chat.expect_answer(knowledge, tpm, "salary")
    # The picture in docs/WEB_CHAT.md: a real conversation, taken on every run.
    SCREENSHOT.parent.mkdir(exist_ok=True)
    chat.page.screenshot(path=SCREENSHOT, animations="disabled", caret="hide")
    chat.expect_accessible()  # an answer with its follow-up buttons

    chat.ask("What does a project coordinator do?")
    chat.expect_answer(knowledge, coordinator, "overview")

    chat.ask("What skills does a TPM need?")
    chat.expect_answer(knowledge, tpm, "skills")
    assert chat.errors == []


def test_quick_reply_buttons_are_answered(chat: Chat, knowledge: Knowledge) -> None:
    tpm = knowledge.default_role
    menu = {button["payload"]: button["title"] for button in menu_buttons(knowledge)}
    daily = menu[next(p for p in menu if p.startswith("/ask_daily_duties"))]

    chat.quick_reply(daily).click()
    expect(chat.user_messages.last).to_have_text(daily)
    chat.expect_answer(knowledge, tpm, "daily_duties")

    # A follow-up under the answer works the same way, and so does the keyboard.
    follow_up = follow_up_buttons(knowledge, tpm, knowledge.topics["daily_duties"])[0]
    chat.quick_reply(follow_up["title"]).focus()
    chat.page.keyboard.press("Enter")
    expect(chat.user_messages.last).to_have_text(follow_up["title"])
    topic_key = follow_up["payload"][len("/ask_") :].split("{")[0]
    chat.expect_answer(knowledge, tpm, topic_key)


def test_tell_me_more_and_show_the_source_text_are_quick_replies(
    chat: Chat, knowledge: Knowledge
) -> None:
    tpm = knowledge.default_role
    daily = tpm.answers["daily_duties"]
    chat.ask("What does a TPM do on a typical day?")
    chat.expect_answer(knowledge, tpm, "daily_duties")

    chat.quick_reply(knowledge.messages["tell_more_button"]).click()
    expect(chat.user_messages.last).to_have_text(knowledge.messages["tell_more_button"])
    expect(chat.groups.last.locator(".rw-message-text").first).to_have_text(daily.more[0].text)

    chat.quick_reply(knowledge.messages["evidence_button"]).click()
    evidence = chat.groups.last
    expect(evidence).to_contain_text(knowledge.sources["job_description"].title)
    for quote in daily.more[0].quotes:
        expect(evidence).to_contain_text(quote.text)
    assert chat.errors == []


def test_reload_keeps_the_conversation_and_the_role(chat: Chat, knowledge: Knowledge) -> None:
    coordinator = knowledge.roles["project_coordinator"]
    chat.ask("What does a project coordinator do?")
    chat.expect_answer(knowledge, coordinator, "overview")
    session = chat.session_id()

    chat.page.reload()

    # Same conversation, same messages, and no second greeting.
    expect(chat.user_messages).to_have_text(["What does a project coordinator do?"])
    expect(chat.bot_messages.first).to_have_text(knowledge.messages["greeting"])
    expect(chat.bot_messages.filter(has_text=coordinator.answers["overview"].text)).to_have_count(1)
    assert chat.session_id() == session
    # "they" is still the project coordinator: the role slot lives in Rasa's tracker.
    chat.ask("who do they report to?")
    chat.expect_answer(knowledge, coordinator, "reports_to")
    expect(chat.bot_messages.filter(has_text=knowledge.messages["greeting"])).to_have_count(1)


def test_html_typed_by_the_user_is_shown_as_text(chat: Chat) -> None:
    for message in XSS_MESSAGES:
        chat.ask(message)  # checks that the message is shown exactly as typed
        expect(chat.groups.last).to_have_class(re.compile(r"\brw-from-response\b"))
    expect(chat.user_messages).to_have_text(XSS_MESSAGES)
    assert chat.page.evaluate("typeof window.__xss") == "undefined"
    assert chat.page.locator("#chat img, #chat script").count() == 0


@contextmanager
def knowledge_served_from(stack: Stack, tmp_path: Path, knowledge_file: Path) -> Iterator[None]:
    """Swap the stack's action server for one reading `knowledge_file`, then swap back."""
    port = urlsplit(stack.action_url).port
    env = {**stack.action_server.env, "TPM_KNOWLEDGE_FILE": str(knowledge_file)}
    variant: ManagedProcess = action_server(tmp_path, env, port)
    stack.action_server.stop()
    try:
        variant.start()
        yield
    finally:
        variant.stop()
        stack.action_server.start()


def test_html_in_the_knowledge_file_is_shown_as_text(
    browser: Browser,
    page_url: str,
    stack: Stack,
    knowledge: Knowledge,
    knowledge_variant: KnowledgeWriter,
    tmp_path: Path,
) -> None:
    # No figures in it: the knowledge file refuses a sentence with a figure its quotes lack.
    planted = ' <img src=x onerror="window.__xss=true"> <script>window.__xss=true</script> <b>b</b>'

    def plant(document: dict) -> None:
        topics = document["roles"]["technical_project_manager"]["topics"]
        topics["working_hours"]["answer"][0]["say"] += planted

    with knowledge_served_from(stack, tmp_path, knowledge_variant(plant)):
        with chat_tab(browser, page_url) as tab:
            expect(tab.bot_messages.first).to_have_text(knowledge.messages["greeting"])
            tab.ask("What are the working hours of a TPM?")
            answer = knowledge.default_role.answers["working_hours"].text + planted
            expect(tab.bot_messages.filter(has_text="window.__xss=true")).to_have_text(
                [re.compile(re.escape(" ".join(answer.split())))]
            )
            assert tab.page.evaluate("typeof window.__xss") == "undefined"
            assert tab.page.locator("#chat img, #chat script, #chat b").count() == 0


def test_custom_data_reaches_rasa_as_message_metadata(chat: Chat, stack: Stack) -> None:
    chat.ask("What does a TPM do?")
    expect(chat.groups.last).to_have_class(re.compile(r"\brw-from-response\b"))
    session = chat.session_id()
    with sqlite3.connect(stack.env["TRACKER_DB"]) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (session,)
        ).fetchall()
    events = [json.loads(data) for (data,) in rows]
    assert [event["text"] for event in events] == ["/greet", "What does a TPM do?"]
    for event in events:
        assert event["metadata"]["language"] == "en"
        assert event["metadata"]["client"] == "web-chat"
        assert event["input_channel"] == "socketio"


def test_phone_sized_screen(browser: Browser, page_url: str, knowledge: Knowledge) -> None:
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    with chat_tab(browser, page_url, **phone) as tab:
        expect(tab.bot_messages.first).to_have_text(knowledge.messages["greeting"])
        salary = next(b for b in menu_buttons(knowledge) if b["payload"].startswith("/ask_salary"))
        tab.quick_reply(salary["title"]).tap()
        tab.expect_answer(knowledge, knowledge.default_role, "salary")
        tab.ask("What education does a TPM need?")
        tab.expect_answer(knowledge, knowledge.default_role, "education")
        # Nothing wider than the screen, and the input and the buttons are on it.
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        for element in [
            tab.page.locator(".rw-new-message"),
            *tab.page.locator("#chat .rw-reply").all(),
        ]:
            box = element.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        tab.expect_accessible()
        assert tab.errors == []


def test_page_loads_nothing_from_other_hosts(chat: Chat, stack: Stack) -> None:
    chat.ask("What does a TPM earn?")
    expect(chat.groups.last).to_have_class(re.compile(r"\brw-from-response\b"))
    ours = {urlsplit(chat.url).netloc, urlsplit(stack.rasa_url).netloc}
    assert chat.requests, "no requests recorded"
    assert {urlsplit(url).netloc for url in chat.requests} <= ours
    assert chat.errors == []


# The page server and the socket.io channel, over plain HTTP.


def test_socketio_accepts_the_page_origin_only(stack: Stack, page_url: str) -> None:
    handshake = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    port = urlsplit(page_url).port
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}"):
        response = requests.get(handshake, headers={"Origin": origin}, timeout=10)
        assert response.status_code == 200
        assert response.headers["Access-Control-Allow-Origin"] == origin
    for origin in ("http://evil.example", f"http://127.0.0.1:{port + 1}"):
        response = requests.get(handshake, headers={"Origin": origin}, timeout=10)
        assert response.status_code == 400
        assert "Access-Control-Allow-Origin" not in response.headers


def test_page_server_serves_only_the_page(page_url: str, stack: Stack) -> None:
    page = requests.get(page_url, timeout=10)
    assert page.status_code == 200
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    for path in ("node_modules/rasa-webchat/package.json", "server.py", "../README.md", "x"):
        assert requests.get(page_url + path, timeout=10).status_code == 404
    bundle = requests.get(page_url + "webchat.js", timeout=10)
    assert bundle.status_code == 200 and "fonts.googleapis.com" not in bundle.text


def test_page_config_points_at_rasa_on_the_page_host(page_url: str, stack: Stack) -> None:
    rasa_port = urlsplit(stack.rasa_url).port
    port = urlsplit(page_url).port
    cases = {
        f"localhost:{port}": f"http://localhost:{rasa_port}",
        f"127.0.0.1:{port}": f"http://127.0.0.1:{rasa_port}",
        # A malformed Host header is never echoed into the script.
        '"></script><script>alert(1)</script>': f"http://127.0.0.1:{rasa_port}",
    }
    for host, socket_url in cases.items():
        response = requests.get(page_url + "config.js", headers={"Host": host}, timeout=10)
        prefix, _, config_json = response.text.partition(" = ")
        assert prefix == "window.TPM_WEBCHAT_CONFIG"
        config = json.loads(config_json.rstrip().removesuffix(";"))
        assert config["socketUrl"] == socket_url
        assert f"connect-src 'self' {socket_url}" in response.headers["Content-Security-Policy"]


def test_short_replies_get_one_reply_each_and_yes_starts_the_offered_check(
    chat: Chat, knowledge: Knowledge
) -> None:
    """The messages that once filled the screen with ten fallbacks, typed in the web chat."""
    menu = [b["title"] for b in menu_buttons(knowledge)]
    chat.ask("yes")
    chat.expect_reply([knowledge.messages["affirm_nothing_offered"]], menu)
    chat.ask("5")
    offer = [knowledge.messages["offer_readiness_yes"], knowledge.messages["offer_readiness_no"]]
    chat.expect_reply([knowledge.messages["offer_readiness"]], offer)
    chat.quick_reply(knowledge.messages["offer_readiness_yes"]).click()
    turn = chat.groups.last
    expect(turn.locator(".rw-message-text")).to_have_text(
        [knowledge.messages["readiness_intro"], knowledge.messages["readiness_ask_education_level"]]
    )
