/**
 * The content script on chat pages (and on the bundled demo page): holds
 * each send (Enter in the prompt, a click on the send button, a form
 * submit) in the capture phase, has the service worker redact the prompt,
 * puts the redacted text in place and lets the send go on. A blocked
 * prompt, or any failure, is not sent.
 *
 * A classic script, as content scripts are; the engine lives in the
 * service worker.
 */
(() => {
  "use strict";

  /** Prompt fields and send buttons per site. The `data-airlock-*`
   * attributes are for the demo page and for sites that opt in. */
  const SITES = {
    "chatgpt.com": {
      prompt: "#prompt-textarea",
      send: 'button[data-testid="send-button"], #composer-submit-button',
    },
    "claude.ai": {
      prompt: 'div.ProseMirror[contenteditable="true"]',
      send: 'button[aria-label="Send message"], button[aria-label="Send Message"]',
    },
    "gemini.google.com": {
      prompt: "rich-textarea .ql-editor",
      send: 'button.send-button, button[aria-label="Send message"]',
    },
  };
  const site = {
    prompt: ["[data-airlock-prompt]", SITES[location.hostname]?.prompt]
      .filter(Boolean)
      .join(", "),
    send: ["[data-airlock-send]", SITES[location.hostname]?.send]
      .filter(Boolean)
      .join(", "),
  };

  /** True while an approved send is re-dispatched, so it passes. */
  let passing = false;
  /** True while a prompt is with the service worker. */
  let busy = false;

  window.addEventListener("keydown", onKeydown, true);
  window.addEventListener("click", onClick, true);
  window.addEventListener("submit", onSubmit, true);

  function onKeydown(event) {
    if (passing || event.key !== "Enter") return;
    if (event.shiftKey || event.altKey || event.isComposing) return;
    const field = closest(event.target, site.prompt);
    if (!field || readText(field).trim() === "") return;
    hold(event);
    const init = {
      key: "Enter",
      code: "Enter",
      keyCode: 13,
      which: 13,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      bubbles: true,
      cancelable: true,
      composed: true,
    };
    guard(field, () => field.dispatchEvent(new KeyboardEvent("keydown", init)));
  }

  function onClick(event) {
    if (passing) return;
    const button = closest(event.target, site.send);
    const field = button && promptNear(button);
    if (!field || readText(field).trim() === "") return;
    hold(event);
    guard(field, () => button.click());
  }

  function onSubmit(event) {
    if (passing) return;
    const field = event.target.querySelector?.(site.prompt);
    if (!field || readText(field).trim() === "") return;
    hold(event);
    const submitter = event.submitter;
    guard(field, () => event.target.requestSubmit(submitter ?? undefined));
  }

  /** Stops the page from seeing this event. */
  function hold(event) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  /**
   * Redacts the prompt in `field`, then calls `resend` to replay the send;
   * on a block or a failure, says why and sends nothing.
   */
  async function guard(field, resend) {
    if (busy) return;
    busy = true;
    try {
      const reply = await chrome.runtime.sendMessage({
        type: "redact",
        text: readText(field),
      });
      if (!reply?.ok) {
        notify(refusal(reply?.error));
        return;
      }
      if (reply.findings.length > 0) {
        writeText(field, reply.text);
        // Editors apply input asynchronously; check the result landed.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (squash(readText(field)) !== squash(reply.text)) {
          notify({
            level: "error",
            title: "Not sent: Airlock could not replace the prompt text.",
          });
          return;
        }
      }
      if (Object.keys(reply.counts).length > 0) {
        notify({
          level: "info",
          title: "Airlock redacted before sending:",
          counts: reply.counts,
        });
      }
      passing = true;
      try {
        resend();
      } finally {
        passing = false;
      }
    } catch (err) {
      notify({
        level: "error",
        title: "Not sent: Airlock could not check this prompt.",
        detail: String(err?.message ?? err),
      });
    } finally {
      busy = false;
    }
  }

  /** Why a prompt was not sent. */
  function refusal(error) {
    if (error?.code === "blocked") {
      return {
        level: "error",
        title: `Not sent: the policy blocks ${(error.kinds ?? []).join(", ")}.`,
        detail: "Remove it from the prompt and send again.",
      };
    }
    if (error?.code?.startsWith("policy_")) {
      return {
        level: "error",
        title: "Not sent: the Airlock policy is invalid.",
        detail: error.path
          ? `at ${error.path}: ${error.message}`
          : error.message,
      };
    }
    return {
      level: "error",
      title: "Not sent: Airlock could not check this prompt.",
      detail: error?.message ?? "no answer from the extension",
    };
  }

  function closest(target, selector) {
    return target instanceof Element ? target.closest(selector) : null;
  }

  /** The prompt field of the form or composer around a send button. */
  function promptNear(button) {
    for (let node = button.parentElement; node; node = node.parentElement) {
      const field = node.querySelector(site.prompt);
      if (field) return field;
    }
    return null;
  }

  function readText(field) {
    return "value" in field ? field.value : field.innerText;
  }

  /** Whitespace-insensitive form, as editors reflow line breaks. */
  function squash(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  /**
   * Replaces the field's text the way typing would, so that the page's
   * editor (React, ProseMirror, Quill) sees the change.
   */
  function writeText(field, text) {
    field.focus();
    if ("value" in field) {
      field.select();
    } else {
      const range = document.createRange();
      range.selectNodeContents(field);
      const selection = getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    if (document.execCommand("insertText", false, text)) return;

    // No editing command here: set the text and announce it.
    if ("value" in field) field.value = text;
    else field.textContent = text;
    field.dispatchEvent(new InputEvent("input", { bubbles: true, data: text }));
  }

  // The notice: a small box in a shadow root, away from the page's CSS.
  let notice;

  /**
   * Shows `{ level, title, detail?, counts? }` for a few seconds.
   */
  function notify({ level, title, detail, counts }) {
    notice ??= createNotice();
    const box = notice.shadowRoot.querySelector(".box");
    box.className = `box ${level}`;
    box.setAttribute("role", level === "error" ? "alert" : "status");
    box.querySelector(".title").textContent = title;
    box.querySelector(".detail").textContent = detail ?? "";
    const list = box.querySelector(".counts");
    list.replaceChildren(
      ...Object.entries(counts ?? {}).map(([kind, n]) => {
        const item = document.createElement("li");
        item.dataset.kind = kind;
        item.dataset.count = String(n);
        item.textContent = `${n} × ${kind.replaceAll("_", " ")}`;
        return item;
      }),
    );
    notice.hidden = false;
    clearTimeout(notice.timer);
    notice.timer = setTimeout(() => (notice.hidden = true), 8000);
  }

  function createNotice() {
    const host = document.createElement("airlock-notice");
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML = `
      <style>
        :host([hidden]) { display: none; }
        .box {
          position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
          max-width: 360px; padding: 10px 14px; border-radius: 8px;
          font: 13px/1.4 system-ui, sans-serif; color: #1d2430;
          background: #eef7f1; border: 1px solid #2f6f4f;
          box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
        }
        .box.error { background: #fff0f0; border-color: #c43c3c; }
        .title { font-weight: 600; }
        .detail:empty, .counts:empty { display: none; }
        .counts { margin: 4px 0 0; padding-left: 18px; }
      </style>
      <div class="box">
        <div class="title"></div>
        <ul class="counts"></ul>
        <div class="detail"></div>
      </div>`;
    document.documentElement.append(host);
    return host;
  }
})();
