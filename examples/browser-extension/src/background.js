/**
 * The service worker: runs the Airlock engine (Wasm) for the content
 * scripts, which ask it over `chrome.runtime.sendMessage`.
 */

import { handlers } from "./lib/handlers.js";

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own scripts and pages.
  if (sender.id !== chrome.runtime.id) return false;
  const type = message?.type;
  if (typeof type !== "string" || !Object.hasOwn(handlers, type)) return false;

  handlers[type](message).then(
    (result) => sendResponse({ ok: true, ...result }),
    (err) => sendResponse({ ok: false, error: errorReply(err) }),
  );
  return true;
});

chrome.action.onClicked.addListener(() => {
  chrome.tabs.create({ url: chrome.runtime.getURL("demo.html") });
});

/** The fields of an error a content script may show: Airlock errors
 * carry no scanned value. */
function errorReply(err) {
  return {
    code: typeof err?.code === "string" ? err.code : "internal",
    message: String(err?.message ?? err),
    ...(err?.path ? { path: err.path } : {}),
    ...(err?.kinds ? { kinds: [...err.kinds] } : {}),
  };
}
