/** The Wasm modules, packaged with the extension (see build.mjs). */
export const WASM_URL = chrome.runtime.getURL(
  "vendor/llm-airlock/wasm/airlock_bg.wasm",
);

/** The egress allowlist's module: fetched only for a policy with
 * `egress.allow` entries. */
export const EGRESS_WASM_URL = chrome.runtime.getURL(
  "vendor/llm-airlock/wasm/airlock_egress_bg.wasm",
);

/**
 * The options of `createAirlock` for a policy text, with both modules'
 * URLs.
 *
 * @param {string} policy the policy's JSON; "" for the default policy
 */
export function airlockOptions(policy) {
  const wasm = { wasm: WASM_URL, egressWasm: EGRESS_WASM_URL };
  return policy === "" ? wasm : { policy, ...wasm };
}
