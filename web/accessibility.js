// What the rasa-webchat widget leaves out for screen readers and keyboards, added to its elements
// as it draws them (chat.js makes its quick replies keyboard buttons). Runs after chat.js.
(function () {
  "use strict";

  var mount = document.getElementById("chat");
  if (!mount) {
    return;
  }
  var BOX = ".rw-new-message";
  // The element inside the chat that last had the keyboard's focus, to notice when the widget
  // takes it away. Focus from a pointer is left alone: on a phone, focusing the text box after a
  // tapped button would open the on-screen keyboard over the answer.
  var lastFocused = null;

  // The message list is a log: a screen reader reads out each message added to it (politely,
  // after what it is saying), the user's echoed question included. Focusable, so a keyboard can
  // scroll back through the conversation with the arrow keys.
  function asLog(messages) {
    messages.setAttribute("role", "log");
    messages.setAttribute("aria-live", "polite");
    messages.setAttribute("aria-label", "Conversation");
    messages.tabIndex = 0;
  }

  function label(element, name) {
    if (element && element.getAttribute("aria-label") !== name) {
      element.setAttribute("aria-label", name);
    }
  }

  function describeWidget() {
    var messages = mount.querySelector(".rw-messages-container:not([role])");
    if (messages) {
      asLog(messages);
    }
    // The placeholder is an example, not a name, and disappears as soon as one types.
    label(mount.querySelector(BOX), "Your question");
    // An icon only: without a name it is read as "button".
    label(mount.querySelector(".rw-send"), "Send");
    // The widget's title is an <h4> under the page's <h1>: one level down, not three.
    var title = mount.querySelector(".rw-title:not([aria-level])");
    if (title) {
      title.setAttribute("aria-level", "2");
    }
  }

  // A pressed quick reply is removed with its row, and the send button is disabled once the text
  // is sent: either takes the focus with it, back to the start of the page. Put it in the text
  // box instead, ready for the next question (the follow-up buttons are one Shift+Tab away).
  function keepFocusInChat() {
    var active = document.activeElement;
    var lost = !active || active === document.body || active.disabled;
    if (lost && lastFocused && (!lastFocused.isConnected || lastFocused.disabled)) {
      var box = mount.querySelector(BOX);
      if (box && !box.disabled) {
        box.focus();
      }
    }
  }

  mount.addEventListener("focusin", function (event) {
    lastFocused = event.target.matches(":focus-visible") ? event.target : null;
  });
  describeWidget();
  new MutationObserver(function () {
    describeWidget();
    keepFocusInChat();
  }).observe(mount, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["disabled"],
  });
})();
