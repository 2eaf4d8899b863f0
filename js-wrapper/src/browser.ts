/**
 * The entry for browsers, bundlers, workers, MV3 extensions and edge
 * runtimes: fetches the Wasm file next to this module, unless
 * `options.wasm` says otherwise.
 *
 * @example
 * import { createAirlock } from "llm-airlock";
 * const airlock = await createAirlock();
 * const { text } = airlock.redact(prompt);
 */

import { Airlock, type AirlockOptions } from "./airlock.js";
import { loadWasm } from "./engine.js";

export * from "./index.js";

/**
 * Loads the engine (once per realm) and compiles the policy.
 *
 * @throws {AirlockError} a `policy_*` code naming the path of the problem.
 * @example
 * const airlock = await createAirlock({
 *   wasm: chrome.runtime.getURL("airlock_bg.wasm"),
 * });
 */
export async function createAirlock(
  options: AirlockOptions = {},
): Promise<Airlock> {
  await loadWasm(
    () => options.wasm ?? new URL("../wasm/airlock_bg.wasm", import.meta.url),
  );
  return new Airlock(options);
}
