"""The chat page for people who use a keyboard, a screen reader or reduced motion.

A real browser on the real page and servers, with the fixtures of tests/test_web_chat.py. The
axe-core audit itself runs in that module's tests and in the readiness check's; here, what axe
cannot see: that new messages are announced, that every control works from the keyboard, that
focus is visible and stays in the chat, and that reduced motion is respected.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from actions.replies import follow_up_buttons, menu_buttons
from knowledge.loader import Knowledge
from tests.browser_chat import Chat, chat_tab
from tests.web_accessibility_audit import blocking_violations

# Every test here starts the real servers and a browser (`make test-unit` leaves them out).
pytestmark = pytest.mark.server

# More than the page has controls: a walk that does not reach its target within this many Tab
# presses never will.
MAX_TABS = 40
# WCAG 2.2, 1.4.11: a focus indicator needs 3:1 against what is around it.
MIN_FOCUS_CONTRAST = 3.0
# WCAG 2.2, 1.4.3: text needs 4.5:1 (axe checks the page's text, but not a placeholder).
MIN_TEXT_CONTRAST = 4.5

# What a screen reader would call the focused element (its label, or else its text).
FOCUSED_NAME = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return "<body>";
  return element.getAttribute("aria-label") || element.textContent.trim();
}"""


def is_focused(locator: Locator) -> bool:
    return locator.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator) -> list[str]:
    """Press Tab until `target` has the focus; the elements passed on the way, in order."""
    path: list[str] = []
    for _ in range(MAX_TABS):
        if is_focused(target):
            return path
        page.keyboard.press("Tab")
        path.append(page.evaluate(FOCUSED_NAME))
    raise AssertionError(f"Tab never reached {target}; focus went: {path}")


def relative_luminance(css_color: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"\d+", css_color)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def expect_visible_focus(control: Locator, background: str) -> None:
    """The focused control draws an outline, solid, at least 2px, and 3:1 against `background`."""
    style = control.evaluate(
        "element => { const s = getComputedStyle(element);"
        " return {style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor}; }"
    )
    assert style["style"] == "solid", style
    assert float(style["width"].removesuffix("px")) >= 2, style
    assert contrast(style["color"], background) >= MIN_FOCUS_CONTRAST, (style, background)


def background(element: Locator) -> str:
    """The colour behind `element`: its own background, or the nearest ancestor's that is opaque."""
    return element.evaluate(
        """element => {
          for (let node = element; node; node = node.parentElement) {
            const color = getComputedStyle(node).backgroundColor;
            if (color !== "transparent" && !/, 0\\)$/.test(color)) return color;
          }
          return "rgb(255, 255, 255)";
        }"""
    )


def test_bot_messages_land_in_a_polite_live_region(
    chat: Chat,  # noqa: F811
    knowledge: Knowledge,
) -> None:
    log = chat.page.get_by_role("log")
    expect(log).to_have_count(1)
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_have_attribute("aria-label", re.compile(r"\S"))
    # A screen reader announces what is added to the region it already knows: the region must
    # be in the page before the messages arrive, and stay the same element as they do.
    log.evaluate("element => { element.dataset.seenBefore = 'yes'; }")
    expect(log.locator(".rw-message-text").first).to_have_text(knowledge.messages["greeting"])

    chat.ask("What does a TPM earn?")
    chat.expect_answer(knowledge, knowledge.default_role, "salary")
    expect(log).to_have_attribute("data-seen-before", "yes")
    answer = knowledge.default_role.answers["salary"].text
    expect(log.locator(".rw-from-response .rw-message-text").filter(has_text=answer)).to_have_count(
        1
    )
    # Every bot message on the page is inside it, the follow-up buttons too.
    assert chat.bot_messages.count() == log.locator(".rw-from-response .rw-message-text").count()
    assert chat.page.locator("#chat .rw-reply").count() == log.locator(".rw-reply").count()


def test_every_control_is_reachable_by_tab_in_reading_order(
    chat: Chat,  # noqa: F811
    knowledge: Knowledge,
) -> None:
    page = chat.page
    box = page.locator("#chat .rw-new-message")
    # From the top of the page: the conversation (scrollable by arrow keys), each topic button
    # in the order shown, then the text box.
    log = page.get_by_role("log")
    tab_to(page, log)
    expect_visible_focus(log, background(log))
    path = tab_to(page, box)
    topics = [b["title"] for b in menu_buttons(knowledge)]
    assert path == [*topics, "Your question"]
    expect(box).to_have_accessible_name("Your question")

    # The send button has a name and joins the Tab order once there is something to send.
    send = page.get_by_role("button", name="Send", exact=True)
    expect(send).to_be_disabled()
    box.fill("What does a TPM earn?")
    page.keyboard.press("Tab")
    assert is_focused(send)
    expect_visible_focus(send, background(send))
    page.keyboard.press("Space")
    chat.expect_answer(knowledge, knowledge.default_role, "salary")
    # Sending cleared and disabled the button; the focus is back in the text box, not lost.
    expect(box).to_be_focused()
    assert chat.errors == []


def test_suggestion_buttons_work_by_keyboard_with_visible_focus(
    chat: Chat,  # noqa: F811
    knowledge: Knowledge,
) -> None:
    page = chat.page
    tpm = knowledge.default_role
    salary = next(b for b in menu_buttons(knowledge) if b["payload"].startswith("/ask_salary"))
    button = chat.quick_reply(salary["title"])

    tab_to(page, button)
    expect_visible_focus(button, background(page.locator("#chat .rw-messages-container")))
    page.keyboard.press("Space")
    expect(chat.user_messages.last).to_have_text(salary["title"])
    chat.expect_answer(knowledge, tpm, "salary")
    # The pressed button is gone with its row; the focus went to the text box, not to <body>.
    box = page.locator("#chat .rw-new-message")
    expect(box).to_be_focused()
    # The ring goes round the input bar the text box is in.
    expect_visible_focus(page.locator("#chat .rw-sender"), background(box))

    # Typing a question keeps the focus where it is, ready for the next one.
    chat.ask("What does a project coordinator do?")
    chat.expect_answer(knowledge, knowledge.roles["project_coordinator"], "overview")
    expect(box).to_be_focused()

    # Back from the text box to a follow-up button under the answer, and Enter presses it.
    follow_up = follow_up_buttons(
        knowledge, knowledge.roles["project_coordinator"], knowledge.topics["overview"]
    )[-1]
    page.keyboard.press("Shift+Tab")
    expect(chat.quick_reply(follow_up["title"])).to_be_focused()
    page.keyboard.press("Enter")
    expect(chat.user_messages.last).to_have_text(follow_up["title"])
    expect(box).to_be_focused()
    assert blocking_violations(page) == []
    assert chat.errors == []


def test_reduced_motion_stops_the_widget_animations(
    browser: Browser,  # noqa: F811
    page_url: str,  # noqa: F811
    knowledge: Knowledge,
) -> None:
    motion = {}
    for preference in ("no-preference", "reduce"):
        with chat_tab(browser, page_url, reduced_motion=preference) as tab:
            reply = tab.page.locator("#chat .rw-reply").first
            expect(reply).to_be_visible()
            motion[preference] = reply.evaluate(
                "element => { const s = getComputedStyle(element);"
                " return [s.transitionDuration, getComputedStyle(document.querySelector("
                "'#chat .rw-conversation-container')).animationName]; }"
            )
    # The widget animates its buttons (and its typing dots and panels) ...
    assert motion["no-preference"][0] != "0s", motion
    # ... and nothing moves for someone who asked their system for less motion.
    assert set(motion["reduce"][0].split(", ")) == {"0s"}, motion
    assert motion["reduce"][1] == "none", motion


def test_the_text_box_example_is_readable(chat: Chat) -> None:  # noqa: F811
    box = chat.page.locator("#chat .rw-new-message")
    placeholder = box.evaluate("element => getComputedStyle(element, '::placeholder').color")
    assert contrast(placeholder, background(box)) >= MIN_TEXT_CONTRAST, placeholder
