/**
 * The Airlock of the service worker, compiled from the saved policy and
 * rebuilt when the policy changes.
 */

import { createAirlock } from "../vendor/llm-airlock/dist/browser.js";
import { loadPolicy, onPolicyChange } from "./policy-store.js";
import { airlockOptions } from "./wasm-url.js";

/** @type {Promise<import("../vendor/llm-airlock/dist/index.js").Airlock> | undefined} */
let current;

/**
 * The Airlock for the saved policy.
 *
 * @throws {import("../vendor/llm-airlock/dist/index.js").AirlockError}
 *   a `policy_*` code when the saved policy does not compile.
 */
export function airlock() {
  if (current === undefined) {
    const loading = loadPolicy().then((policy) =>
      createAirlock(airlockOptions(policy)),
    );
    // Try again on the next prompt rather than keep a failure.
    loading.catch(() => {
      if (current === loading) current = undefined;
    });
    current = loading;
  }
  return current;
}

onPolicyChange(() => {
  const old = current;
  current = undefined;
  old?.then(
    (a) => a.dispose(),
    () => {},
  );
});

/**
 * A finding as it may leave the service worker: no value, no replacement.
 *
 * @param {readonly import("../vendor/llm-airlock/dist/index.js").Finding[]} findings
 */
export function summarize(findings) {
  const counts = {};
  const safe = findings.map(({ kind, detector, start, end, action }) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return { kind, detector, start, end, action };
  });
  return { findings: safe, counts };
}
