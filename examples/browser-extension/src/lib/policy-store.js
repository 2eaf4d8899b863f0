/**
 * Where the policy lives: `chrome.storage.local`, as the JSON text the
 * user saved. No entry (or a blank one) means the default policy.
 */

const KEY = "policy";

/** The saved policy text, or "" for the default policy. */
export async function loadPolicy() {
  const { [KEY]: text } = await chrome.storage.local.get(KEY);
  return typeof text === "string" ? text.trim() : "";
}

/**
 * Saves policy text; blank goes back to the default policy. Validate it
 * first: the service worker refuses every prompt under a bad policy.
 *
 * @param {string} text
 */
export async function savePolicy(text) {
  if (typeof text !== "string") throw new TypeError("policy must be text");
  if (text.trim() === "") await chrome.storage.local.remove(KEY);
  else await chrome.storage.local.set({ [KEY]: text.trim() });
}

/** Calls `listener` whenever the saved policy changes. */
export function onPolicyChange(listener) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && KEY in changes) listener();
  });
}
