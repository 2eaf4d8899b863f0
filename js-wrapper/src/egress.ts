/**
 * The egress allowlist of one Airlock instance. Its Wasm module (the
 * WHATWG URL parser and URLPattern, as large as half the engine) is
 * loaded only when the policy has `egress.allow` entries: without any,
 * nothing may leave, and no URL needs parsing to say so.
 */

import * as glue from "../wasm/airlock_egress.js";
import { callEgress, loadEgressWasm, type WasmSource } from "./engine.js";
import { AirlockError } from "./errors.js";
import type { UrlVerdict } from "./fetch.js";
import type { Policy } from "./types.js";

export class EgressAllowlist {
  readonly #policy: string | undefined;
  readonly #entries: number;
  #checker: glue.EgressChecker | undefined;

  /** `entries` is how many `egress.allow` entries the engine counted in
   * `policy` (the default policy when absent). */
  constructor(policy: string | undefined, entries: number) {
    this.#policy = policy;
    this.#entries = entries;
  }

  /**
   * Loads the egress module (once per realm) and compiles the entries,
   * unless there are none.
   *
   * @throws {AirlockError} a `policy_*` code naming the entry, e.g.
   *   `egress.allow[1]`, or `internal` when the module cannot be loaded.
   */
  async load(source: () => WasmSource): Promise<void> {
    if (this.#entries === 0) return;
    await loadEgressWasm(source);
    const policy = this.#policy;
    this.#checker = callEgress(() => new glue.EgressChecker(policy));
  }

  /** The verdict for `url`, parsed as `fetch()` parses it. */
  check(url: string, base: string | undefined): UrlVerdict {
    // The verdict the module gives when no entry matches.
    if (this.#entries === 0) return { allowed: false, reason: "not_allowed" };
    const checker = this.#checker;
    if (checker === undefined) {
      throw new AirlockError(
        "internal",
        "the egress allowlist is not loaded: await createAirlock() first",
      );
    }
    return callEgress(() => checker.checkUrl(url, base) as UrlVerdict);
  }

  /** Frees the compiled entries. */
  dispose(): void {
    this.#checker?.free();
    this.#checker = undefined;
  }
}

/** Whether `policy`, as given, has `egress.allow` entries: a hint to
 * fetch the egress module early. Errors are the engine's to report. */
export function listsEgressEntries(policy: Policy | string | undefined): boolean {
  try {
    const doc: unknown = typeof policy === "string" ? JSON.parse(policy) : policy;
    const allow = (doc as { egress?: { allow?: unknown } } | undefined)?.egress?.allow;
    return Array.isArray(allow) && allow.length > 0;
  } catch {
    return false;
  }
}
