/**
 * The Node.js entry: loads the Wasm module from the package's files.
 *
 * @example
 * import { createAirlock } from "llm-airlock";
 * const airlock = await createAirlock();
 * console.log(airlock.redact("call +1 415 555 0100").text);
 */

import { readFile } from "node:fs/promises";
import { Airlock, type AirlockOptions } from "./airlock.js";
import { loadWasm } from "./engine.js";

export * from "./index.js";

/**
 * Loads the engine (once per process) and compiles the policy.
 *
 * @throws {AirlockError} a `policy_*` code naming the path of the problem.
 * @example
 * const airlock = await createAirlock({ policy: { version: 1,
 *   detectors: { secret: { action: "block" } } } });
 */
export async function createAirlock(
  options: AirlockOptions = {},
): Promise<Airlock> {
  await loadWasm(
    () =>
      options.wasm ??
      readFile(new URL("../wasm/airlock_bg.wasm", import.meta.url)),
  );
  return new Airlock(options);
}
