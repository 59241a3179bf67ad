// Starts the rasa-webchat widget inside <main id="chat">, talking to the Rasa server's socket.io
// channel at the URL the page server puts in /config.js.
(function () {
  "use strict";

  var mount = document.getElementById("chat");
  var status = document.getElementById("chat-status");
  var config = window.TPM_WEBCHAT_CONFIG;

  if (!config || !window.WebChat || typeof window.WebChat.default !== "function") {
    status.textContent = "The chat could not load. Reload the page; if that does not help, " +
      "check that the assistant is running (make run).";
    return;
  }
  status.remove();

  window.WebChat.default(
    {
      socketUrl: config.socketUrl,
      socketPath: config.socketPath,
      // Sent once when a conversation starts; the assistant answers with a greeting and topics.
      initPayload: "/greet",
      // Reaches Rasa as the metadata of every message (metadata_key in credentials.yml).
      customData: { language: "en", client: "web-chat" },
      // Always open, filling <main>: the page is the chat.
      embedded: true,
      title: "Ask about the TPM career",
      subtitle: "Answers come from two published articles",
      inputTextFieldHint: "Ask a question, e.g. How much does a TPM earn?",
      connectingText: "Connecting to the assistant…",
      // Keep the chat on screen while it (re)connects, instead of the widget's default of hiding.
      hideWhenNotConnected: false,
      showCloseButton: false,
      showFullScreenButton: false,
      // No rules from the server (a Botfront feature): render at once.
      withRules: false,
      // The conversation (messages and session id) lives in localStorage: a reload keeps it.
      params: { storage: "local" },
      // The widget's default waits up to 3 s per message to mimic typing; answers are ready.
      customMessageDelay: function () {
        return 300;
      },
    },
    mount
  );

  // The widget draws quick replies as plain <div>s: no keyboard access, and screen readers do not
  // announce them. Make each one a focusable button that Enter and Space press.
  function asButton(reply) {
    reply.setAttribute("role", "button");
    reply.tabIndex = 0;
    reply.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        reply.click();
      }
    });
  }
  new MutationObserver(function () {
    mount.querySelectorAll(".rw-reply:not([role])").forEach(asButton);
  }).observe(mount, { childList: true, subtree: true });
})();
