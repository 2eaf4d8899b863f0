/**
 * The entry for browsers, bundlers, workers, MV3 extensions and edge
 * runtimes: fetches the Wasm files next to this module, unless
 * `options.wasm` and `options.egressWasm` say otherwise.
 *
 * @example
 * import { createAirlock } from "llm-airlock";
 * const airlock = await createAirlock();
 * const { text } = airlock.redact(prompt);
 */

import { openAirlock, type Airlock, type AirlockOptions } from "./airlock.js";

export * from "./index.js";

/**
 * Loads the engine (once per realm) and compiles the policy. The egress
 * allowlist's module is fetched too (once per realm), but only when the
 * policy has `egress.allow` entries.
 *
 * @throws {AirlockError} a `policy_*` code naming the path of the problem.
 * @example
 * const airlock = await createAirlock({
 *   policy,
 *   wasm: chrome.runtime.getURL("airlock_bg.wasm"),
 *   egressWasm: chrome.runtime.getURL("airlock_egress_bg.wasm"),
 * });
 */
export function createAirlock(options: AirlockOptions = {}): Promise<Airlock> {
  return openAirlock(options, {
    wasm: () => new URL("../wasm/airlock_bg.wasm", import.meta.url),
    egressWasm: () => new URL("../wasm/airlock_egress_bg.wasm", import.meta.url),
  });
}
