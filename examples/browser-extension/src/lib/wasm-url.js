/** The engine's Wasm file, packaged with the extension (see build.mjs). */
export const WASM_URL = chrome.runtime.getURL(
  "vendor/llm-airlock/wasm/airlock_bg.wasm",
);
