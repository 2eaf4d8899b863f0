/**
 * The Node.js entry: loads the Wasm modules from the package's files.
 *
 * @example
 * import { createAirlock } from "llm-airlock";
 * const airlock = await createAirlock();
 * console.log(airlock.redact("call +1 415 555 0100").text);
 */

import { readFileSync } from "node:fs";
import { openAirlock, type Airlock, type AirlockOptions } from "./airlock.js";

export * from "./index.js";

/**
 * Loads the engine (once per process) and compiles the policy. The egress
 * allowlist's module is read too (once per process), but only when the
 * policy has `egress.allow` entries.
 *
 * @throws {AirlockError} a `policy_*` code naming the path of the problem.
 * @example
 * const airlock = await createAirlock({ policy: { version: 1,
 *   detectors: { secret: { action: "block" } } } });
 */
export function createAirlock(options: AirlockOptions = {}): Promise<Airlock> {
  return openAirlock(options, {
    // Read at once: a megabyte from local disk costs less blocking than
    // the thread-pool round trips of an async read.
    wasm: () => readFileSync(new URL("../wasm/airlock_bg.wasm", import.meta.url)),
    egressWasm: () =>
      readFileSync(new URL("../wasm/airlock_egress_bg.wasm", import.meta.url)),
  });
}
