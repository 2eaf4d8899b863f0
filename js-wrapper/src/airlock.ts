/**
 * The friendly API over the Wasm engine. Runtime-neutral: the loaders in
 * `node.ts` and `browser.ts` supply the Wasm bytes.
 */

import init, * as glue from "../wasm/airlock.js";
import { AirlockError, argumentError, fromWasmError } from "./errors.js";
import type { DetectorInfo, Finding, Policy, Redaction } from "./types.js";

/** Where the Wasm module comes from: a compiled module, its bytes, or a URL
 * or response to fetch it from. */
export type WasmSource =
  | WebAssembly.Module
  | BufferSource
  | URL
  | string
  | Response
  | Promise<Response>;

/** Options of {@link createAirlock}. */
export interface AirlockOptions {
  /** The policy document (object or JSON text); the embedded default when
   * absent. */
  policy?: Policy | string;
  /** The key of the `hash` action. A random key per instance when absent,
   * so hashes are then stable for that instance only. */
  hashKey?: Uint8Array | string;
  /** Overrides where the Wasm module is loaded from (edge runtimes, MV3
   * extensions with their own packaging). */
  wasm?: WasmSource;
}

let loading: Promise<unknown> | undefined;
let loaded = false;
/** Set once the Wasm instance trapped: its memory can no longer be
 * trusted, so every later call fails closed. */
let poisoned = false;

/** Loads the Wasm module once per realm. */
export async function loadWasm(source: () => WasmSource): Promise<void> {
  loading ??= init({ module_or_path: source() }).catch((e: unknown) => {
    loading = undefined;
    throw new AirlockError("internal", "could not load the Airlock Wasm module", {
      cause: e,
    });
  });
  await loading;
  loaded = true;
}

/**
 * Finds and transforms sensitive values under one policy. Create it with
 * `createAirlock`.
 */
export class Airlock {
  #engine: glue.Engine | undefined;
  readonly #maxInputBytes: number;

  /** @internal Use `createAirlock`. */
  constructor(options: Omit<AirlockOptions, "wasm"> = {}) {
    const policy = policyText(options.policy);
    const key = hashKeyBytes(options.hashKey);
    this.#engine = call(() => new glue.Engine(policy, key));
    this.#maxInputBytes = call(() => this.#live().maxInputBytes());
  }

  /**
   * Finds every sensitive value in `text`.
   *
   * @returns Findings in text order, offsets in UTF-16 code units.
   * @throws {AirlockError} `input_too_large` over the policy's limit.
   * @example
   * const findings = airlock.scan("mail me: ana@example.com");
   * // [{ kind: "email", detector: "email", start: 9, end: 24, ... }]
   */
  scan(text: string): Finding[] {
    checkText(text, this.#maxInputBytes);
    const engine = this.#live();
    return call(() => engine.scan(wellFormed(text)) as Finding[]);
  }

  /**
   * Transforms every sensitive value in `text` per the policy.
   *
   * @returns The safe text and what was done.
   * @throws {AirlockError} `blocked` when the policy blocks a kind found
   *   (the error lists the kinds, never the values); `input_too_large`.
   * @example
   * const { text } = airlock.redact("key: ghp_...");
   * await fetch(url, { method: "POST", body: text });
   */
  redact(text: string): Redaction {
    checkText(text, this.#maxInputBytes);
    const engine = this.#live();
    const safe = wellFormed(text);
    const result = call(() => engine.redact(safe) as Redaction);
    if (safe === text) return result;
    // Lone surrogates were replaced for the engine; U+FFFD has the same
    // UTF-16 length, so the offsets hold for the original text.
    return { text: splice(text, result.findings), findings: result.findings };
  }

  /** Frees the engine's Wasm memory. The instance is unusable after. */
  dispose(): void {
    this.#engine?.free();
    this.#engine = undefined;
  }

  /** The built-in detectors, with their kinds. Needs the engine loaded by
   * a `createAirlock` call. */
  static detectors(): DetectorInfo[] {
    return call(() => glue.detectors() as DetectorInfo[]);
  }

  /** The embedded default policy. Needs the engine loaded by a
   * `createAirlock` call. */
  static defaultPolicy(): Policy {
    return JSON.parse(call(() => glue.defaultPolicy())) as Policy;
  }

  #live(): glue.Engine {
    if (this.#engine === undefined) {
      throw new AirlockError("internal", "this Airlock was disposed");
    }
    return this.#engine;
  }
}

/** Runs a Wasm call, turning every failure into an `AirlockError`. */
function call<T>(f: () => T): T {
  if (!loaded) {
    throw new AirlockError(
      "internal",
      "the Airlock engine is not loaded yet: await createAirlock() first",
    );
  }
  if (poisoned) {
    throw new AirlockError(
      "internal",
      "the Airlock engine failed earlier and refuses further work; reload it",
    );
  }
  try {
    return f();
  } catch (e) {
    const err = fromWasmError(e);
    if (err.code === "internal" && e instanceof WebAssembly.RuntimeError) {
      poisoned = true;
    }
    throw err;
  }
}

function policyText(policy: Policy | string | undefined): string | undefined {
  if (policy === undefined) return undefined;
  if (typeof policy === "string") return policy;
  if (typeof policy !== "object" || policy === null || Array.isArray(policy)) {
    throw argumentError("policy must be an object or a JSON string");
  }
  return JSON.stringify(policy);
}

function hashKeyBytes(key: Uint8Array | string | undefined): Uint8Array {
  if (key === undefined) {
    return globalThis.crypto.getRandomValues(new Uint8Array(32));
  }
  if (typeof key === "string") {
    if (key.length === 0) throw argumentError("hashKey must not be empty");
    return new TextEncoder().encode(key);
  }
  if (!(key instanceof Uint8Array) || key.length === 0) {
    throw argumentError("hashKey must be a non-empty Uint8Array or string");
  }
  return key;
}

function checkText(text: unknown, maxInputBytes: number): asserts text is string {
  if (typeof text !== "string") {
    throw argumentError(`text must be a string, got ${typeof text}`);
  }
  // UTF-8 takes at least one byte per UTF-16 unit: refuse before copying.
  if (text.length > maxInputBytes) {
    throw new AirlockError(
      "input_too_large",
      `input is at least ${text.length} bytes, over the limit of ${maxInputBytes} bytes`,
    );
  }
}

const hasWellFormed = typeof "".isWellFormed === "function";

/** The text with each lone surrogate replaced by U+FFFD. */
function wellFormed(text: string): string {
  if (hasWellFormed) return text.isWellFormed() ? text : text.toWellFormed();
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    "\uFFFD",
  );
}

/** Applies the findings' replacements to `text`. */
function splice(text: string, findings: readonly Finding[]): string {
  let out = "";
  let at = 0;
  for (const f of findings) {
    if (f.replacement === undefined) continue;
    out += text.slice(at, f.start) + f.replacement;
    at = f.end;
  }
  return out + text.slice(at);
}
