/**
 * The options page: checks a policy by compiling it, then saves it to
 * `chrome.storage.local`, where the service worker picks it up.
 */

import { Airlock, createAirlock } from "./vendor/llm-airlock/dist/browser.js";
import { airlockOptions } from "./lib/wasm-url.js";
import { loadPolicy, savePolicy } from "./lib/policy-store.js";

const policy = document.getElementById("policy");
const result = document.getElementById("result");
const error = document.getElementById("error");

/**
 * Compiles `text` to check it (blank is the default policy).
 *
 * @returns {Promise<void>}
 * @throws {import("./vendor/llm-airlock/dist/index.js").AirlockError}
 */
async function check(text) {
  (await createAirlock(airlockOptions(text))).dispose();
}

/** Shows an AirlockError with its code and path, or hides it. */
function showError(e) {
  policy.setAttribute("aria-invalid", e ? "true" : "false");
  error.hidden = !e;
  if (!e) return;
  error.querySelector(".code").textContent = e.code ?? "error";
  const path = e.path && e.path !== "?" ? `at ${e.path}` : "";
  error.querySelector(".path").textContent = path;
  error.querySelector(".message").textContent = e.message;
}

async function save() {
  const text = policy.value.trim();
  result.textContent = "";
  try {
    await check(text);
  } catch (e) {
    showError(e);
    result.textContent = "Not saved.";
    return;
  }
  showError(undefined);
  await savePolicy(text);
  result.textContent =
    text === ""
      ? "Saved: prompts now use the default policy."
      : "Saved: prompts now use this policy.";
}

document.getElementById("save").addEventListener("click", save);
document.getElementById("reset").addEventListener("click", () => {
  policy.value = "";
  save();
});
document.getElementById("show-default").addEventListener("click", async () => {
  await check("");
  policy.value = JSON.stringify(Airlock.defaultPolicy(), null, 2);
  showError(undefined);
  result.textContent = "This is the default policy; Save to use it as is.";
});

policy.value = await loadPolicy();
document.body.dataset.ready = "true";
