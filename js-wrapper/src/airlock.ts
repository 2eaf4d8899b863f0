/**
 * The friendly API over the Wasm engine. Runtime-neutral: the loaders in
 * `node.ts` and `browser.ts` supply the Wasm bytes.
 */

import * as glue from "../wasm/airlock.js";
import {
  call,
  loadEgressWasm,
  loadWasm,
  type WasmSource,
} from "./engine.js";
import { EgressAllowlist, listsEgressEntries } from "./egress.js";
import { AirlockError, argumentError } from "./errors.js";
import { decodeFindings, namesOf, type Names } from "./findings.js";
import { newVault, Vault, type Restoration } from "./vault.js";
import type { DetectorInfo, Finding, Policy, Redaction } from "./types.js";
import { isObj, providerOption } from "./providers.js";
import {
  redactRequestWith,
  restoreResponseWith,
  type RedactedRequest,
  type RedactRequestOptions,
  type RestoreResponseOptions,
} from "./requests.js";
import { createRestoreSSE, type RestoreSSEOptions } from "./sse.js";
import { createRestoreStream } from "./stream.js";
import { Auditor, type AuditSink } from "./audit.js";
import {
  guardFetchWith,
  type GuardFetchOptions,
  type UrlVerdict,
} from "./fetch.js";
import { mapJsonText, providerForUrl } from "./providers.js";
import { pipeResponse } from "./sse.js";

/** Options of {@link createAirlock}. */
export interface AirlockOptions {
  /** The policy document (object or JSON text); the embedded default when
   * absent. */
  policy?: Policy | string;
  /** The key of the `hash` action. A random key per instance when absent,
   * so hashes are then stable for that instance only. */
  hashKey?: Uint8Array | string;
  /** The key of the `pseudonymize` action; give the same key on every
   * machine and session that must agree. Random per instance when
   * absent. */
  pseudonymKey?: Uint8Array | string;
  /** Overrides where the engine's Wasm module is loaded from (edge
   * runtimes, MV3 extensions with their own packaging). */
  wasm?: WasmSource;
  /** Overrides where the egress allowlist's Wasm module is loaded from,
   * as `wasm` does for the engine. It is loaded only for a policy with
   * `egress.allow` entries, so runtimes that never check URLs need not
   * ship it. */
  egressWasm?: WasmSource;
  /** Receives an audit event (Elastic Common Schema) per redaction,
   * restore and egress decision. Events never carry a found value. */
  onAudit?: AuditSink;
}

/** Picks a vault other than the instance's own. */
export interface VaultOption {
  vault?: Vault;
}

/** Set by `Airlock`'s static block: loads an instance's egress module. */
let loadEgress: (airlock: Airlock, source: () => WasmSource) => Promise<void>;

/**
 * Finds and transforms sensitive values under one policy. Create it with
 * `createAirlock`.
 */
export class Airlock {
  #engine: glue.Engine | undefined;
  #names: Names | undefined;
  readonly #egress: EgressAllowlist;
  readonly #maxInputBytes: number;
  readonly #vault: Vault;
  readonly #audit: Auditor;

  static {
    // Loading the egress module is async, so the constructor cannot do
    // it; the loaders finish the instance through this instead of a
    // public method.
    loadEgress = (airlock, source) => airlock.#egress.load(source);
  }

  /** @internal Use `createAirlock`. */
  constructor(options: Omit<AirlockOptions, "wasm" | "egressWasm"> = {}) {
    if (options.onAudit !== undefined && typeof options.onAudit !== "function") {
      throw argumentError("onAudit must be a function");
    }
    const policy = policyText(options.policy);
    const hashKey = keyBytes(options.hashKey, "hashKey");
    const pseudonymKey = keyBytes(options.pseudonymKey, "pseudonymKey");
    const engine = call(() => new glue.Engine(policy, hashKey, pseudonymKey));
    this.#engine = engine;
    this.#egress = new EgressAllowlist(
      policy,
      call(() => engine.egressEntries()),
    );
    this.#maxInputBytes = call(() => engine.maxInputBytes());
    this.#audit = new Auditor(options.onAudit, call(() => engine.policyDigest()));
    this.#vault = newVault();
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
    return call(() => decodeFindings(engine.scan(text), this.#namesOf(engine)));
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
  redact(text: string, options: VaultOption = {}): Redaction {
    const vault = this.#vaultOf(options);
    return this.#audited(() => this.#redactQuiet(text, vault));
  }

  /** Runs a redaction of one or more texts and emits its one audit
   * event; `f` reports its findings through the returned redaction. */
  #audited<R extends { findings: readonly Finding[] }>(f: () => R): R {
    let result: R;
    try {
      result = f();
    } catch (e) {
      if (e instanceof AirlockError && e.code === "blocked") {
        this.#audit.redaction(e.findings ?? [], { blocked: e.kinds ?? [] });
      } else {
        this.#audit.redaction([], {
          error: e instanceof AirlockError ? e.code : "invalid_argument",
        });
      }
      throw e;
    }
    this.#audit.redaction(result.findings);
    return result;
  }

  /** Redacts without an audit event; a `blocked` error gets the
   * findings (offsets, no values) attached. */
  #redactQuiet(text: string, vault: Vault): Redaction {
    checkText(text, this.#maxInputBytes);
    const engine = this.#live();
    let findings: Finding[];
    try {
      findings = call(() => {
        const records = engine.redact(text, vault.handle);
        return decodeFindings(records, this.#namesOf(engine), engine.takeReplacements());
      });
    } catch (e) {
      if (e instanceof AirlockError && e.code === "blocked") {
        throw new AirlockError(e.code, e.message, {
          kinds: e.kinds ?? [],
          detectors: e.detectors ?? [],
          findings: this.scan(text),
        });
      }
      throw e;
    }
    // The engine returns findings only; their replacements go into the
    // caller's text. The engine saw each lone surrogate as U+FFFD (see
    // `checkText`), which has the same UTF-16 length: the offsets hold.
    return { text: splice(text, findings), findings };
  }



  /**
   * Puts the originals back into a model's reply: every token, pseudonym
   * and surrogate this instance's vault (or `options.vault`) knows.
   * Tolerates what models do to placeholders (case, markdown escapes,
   * dropped brackets, spaces, `'s` after). Unknown tokens stay as they are.
   *
   * @example
   * const { text } = airlock.redact("Email ana@example.com the invoice");
   * // text: "Email [EMAIL_1] the invoice" (policy action: tokenize)
   * airlock.restore("I have emailed [EMAIL_1].");
   * // "I have emailed ana@example.com."
   */
  restore(text: string, options: VaultOption = {}): string {
    return this.restoreDetailed(text, options).text;
  }

  /** {@link Airlock.restore}, with how many tokens were restored and which
   * token-shaped texts were unknown. */
  restoreDetailed(text: string, options: VaultOption = {}): Restoration {
    const result = this.#vaultOf(options).restoreDetailed(text);
    this.#audit.restore(result.restored, result.unknown.length);
    return result;
  }

  /** The vault this instance fills and restores from by default. */
  vault(): Vault {
    return this.#vault;
  }

  /** A new, empty vault, e.g. one per conversation: pass it as
   * `{ vault }` to `redact` and `restore`. */
  newVault(): Vault {
    return newVault();
  }

  /** A vault from a blob made by `vault.export(key)`. */
  importVault(
    blob: Uint8Array,
    key: Uint8Array,
    options: { aad?: Uint8Array | string } = {},
  ): Vault {
    return Vault.import(blob, key, options);
  }

  /**
   * A stream that puts the originals back into a streamed reply, tokens
   * split across chunks included. Takes UTF-8 bytes (a character may be
   * cut between chunks) and gives bytes, or takes strings and gives
   * strings; the first chunk decides, and a chunk of the other type
   * errors the stream (TypeError). Holds back only the shortest tail that
   * could still become a token, and flushes it at the end. The restorer
   * is made at the first chunk and sees the vault as it is then.
   *
   * @example
   * const res = await fetch(url, { method: "POST", body });
   * const restored = res.body.pipeThrough(airlock.restoreStream());
   * // or with text: textStream.pipeThrough(airlock.restoreStream<string>())
   */
  restoreStream<T extends Uint8Array | string = Uint8Array>(
    options: VaultOption = {},
  ): TransformStream<T, T> {
    if (!isObj(options)) throw argumentError("options must be an object");
    return createRestoreStream<T>(this.#vaultOf(options));
  }

  /**
   * A byte stream that restores a provider's server-sent events: the
   * text deltas of OpenAI (Chat Completions and Responses), Anthropic
   * Messages and Gemini `streamGenerateContent?alt=sse`, tokens split
   * across events included. Takes Uint8Array chunks (a string errors the
   * stream); an event of over 32 Mi UTF-16 units errors it with
   * `input_too_large`. Unknown events, comments and non-JSON data pass as
   * they came. Tool-call arguments are held back and sent, restored and
   * JSON-escaped, when the call ends.
   *
   * @example
   * const res = await fetch("https://api.openai.com/v1/chat/completions", {
   *   method: "POST", headers, body: JSON.stringify(redactedBody),
   * });
   * const events = res.body.pipeThrough(
   *   airlock.restoreSSE({ provider: "openai" }),
   * );
   */
  restoreSSE(
    options: RestoreSSEOptions = {},
  ): TransformStream<Uint8Array, Uint8Array> {
    if (!isObj(options)) throw argumentError("options must be an object");
    const provider = providerOption(options.provider);
    return createRestoreSSE(this.#vaultOf(options), provider);
  }

  /**
   * Redacts the texts a model reads in an LLM API request body: message
   * contents, system prompts, tool results and tool-call arguments (the
   * string values of their JSON). Model names, parameters, ids and tool
   * definitions are left as they are. Returns a new body (a string for
   * a JSON string) and the findings, each with its `path` in the body.
   * Fails closed: on any error it throws and returns nothing.
   *
   * @throws {AirlockError} `blocked` when the policy blocks a kind found;
   *   `input_too_large` for a text over the limit.
   * @throws {TypeError} for a body that is not a JSON object, or whose
   *   provider cannot be told with `provider: "auto"`.
   * @example
   * const { body, findings } = airlock.redactRequest(
   *   { model: "gpt-4o", messages: [{ role: "user", content: prompt }] },
   *   { provider: "openai" },
   * );
   * // findings[0].path === "messages[0].content"
   */
  redactRequest<T>(
    body: T,
    options: RedactRequestOptions = {},
  ): RedactedRequest<T> {
    if (!isObj(options)) throw argumentError("options must be an object");
    const vault = this.#vaultOf(options);
    return this.#audited(() =>
      redactRequestWith(body, options, (text) =>
        this.#redactQuiet(text, vault),
      ),
    );
  }

  /**
   * Restores the texts a model wrote in a non-streamed LLM API response
   * body: message texts, refusals, and tool-call arguments (string values
   * restored, the JSON written again so escaping holds). Returns a new
   * body (a string for a JSON string). A Gemini array of stream chunks is
   * restored across chunks. A body of no known shape (an error) comes
   * back as an unchanged copy.
   *
   * @example
   * const json = await res.json();
   * const restored = airlock.restoreResponse(json, { provider: "anthropic" });
   * console.log(restored.content[0].text);
   */
  restoreResponse<T>(body: T, options: RestoreResponseOptions = {}): T {
    if (!isObj(options)) throw argumentError("options must be an object");
    return restoreResponseWith(body, options, this.#vaultOf(options));
  }

  /**
   * Checks a URL against the policy's egress allowlist, parsed exactly as
   * `fetch()` parses it (WHATWG URL), relative to `options.base` if given.
   * Denies by default; private, loopback, link-local and metadata hosts
   * only pass when an entry names them exactly. A policy without
   * `egress.allow` entries denies every URL with `not_allowed` and no
   * `url`: it is not parsed, and the egress module is never loaded.
   *
   * @returns `{ allowed, reason, url, rule }`: `reason` is a stable code
   *   (`allowed`, `not_allowed`, `private_network`, `scheme`, `port`,
   *   `credentials`, `invalid_url`), `url` the normalised URL that would
   *   really be requested, `rule` the index of the matching entry.
   * @example
   * airlock.checkUrl("https://api.openai.com.evil.example/v1/chat");
   * // { allowed: false, reason: "not_allowed", url: "https://api.openai.com.evil.example/v1/chat" }
   */
  checkUrl(url: string | URL, options: { base?: string | URL } = {}): UrlVerdict {
    if (typeof url !== "string" && !(url instanceof URL)) {
      throw argumentError("url must be a string or a URL");
    }
    if (!isObj(options)) throw argumentError("options must be an object");
    const base = options.base === undefined ? undefined : String(options.base);
    this.#live(); // a disposed instance refuses, entries or not
    const verdict = this.#egress.check(String(url), base);
    this.#audit.egress(verdict);
    return verdict;
  }

  /**
   * Wraps `fetch` (the global one by default) so that every request is
   * checked against the egress allowlist before anything is sent, its
   * body redacted (text bodies; JSON bodies string by string, provider
   * requests through {@link Airlock.redactRequest}), every redirect hop
   * re-checked (at most `maxRedirects`), and provider responses restored
   * (streamed or not). A refused request rejects with an `AirlockError`
   * (`not_allowed` with a `reason`, or `blocked`), and nothing is sent.
   * Under a policy without `egress.allow` entries every request is
   * refused.
   *
   * @example
   * const safeFetch = airlock.guardFetch();
   * const res = await safeFetch("https://api.openai.com/v1/chat/completions", {
   *   method: "POST",
   *   headers: { "content-type": "application/json", authorization },
   *   body: JSON.stringify({ model: "gpt-4o", messages }),
   * });
   */
  guardFetch(
    fetchImpl: typeof globalThis.fetch = globalThis.fetch,
    options: GuardFetchOptions = {},
  ): typeof globalThis.fetch {
    if (!isObj(options)) throw argumentError("options must be an object");
    return guardFetchWith(
      {
        checkUrl: (url, base) =>
          this.checkUrl(url, base === undefined ? {} : { base }),
        redactBody: (text, json, url) => this.#redactBody(text, json, url),
        restoreResponse: (response, url) => this.#restoreFetched(response, url),
      },
      fetchImpl,
      options,
    );
  }

  #redactBody(text: string, json: boolean, url: string): string {
    if (!json) return this.redact(text).text;
    const provider = providerForUrl(url);
    if (provider !== undefined) {
      return this.redactRequest(text, { provider }).body;
    }
    // Any other JSON: string values only, structure untouched.
    return this.#audited(() => {
      const findings: Finding[] = [];
      const redacted = mapJsonText(text, (s) => {
        const r = this.#redactQuiet(s, this.#vault);
        findings.push(...r.findings);
        return r.text;
      });
      return { text: redacted, findings };
    }).text;
  }

  async #restoreFetched(response: Response, url: string): Promise<Response> {
    const provider = providerForUrl(url);
    if (provider === undefined || this.#vault.size === 0 || !response.ok) {
      return response;
    }
    const type = response.headers.get("content-type") ?? "";
    if (/text\/event-stream/i.test(type)) {
      return pipeResponse(response, this.restoreSSE({ provider }));
    }
    if (!/\bjson\b/i.test(type)) return response;
    const restored = this.restoreResponse(await response.text(), { provider });
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    return new Response(restored, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  }

  /** Frees the engine's Wasm memory and zeroizes its vault. The instance
   * is unusable after. */
  dispose(): void {
    this.#engine?.free();
    this.#engine = undefined;
    this.#egress.dispose();
    this.#vault.dispose();
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

  #vaultOf(options: VaultOption): Vault {
    const { vault } = options;
    if (vault === undefined) return this.#vault;
    if (!(vault instanceof Vault)) throw argumentError("vault must be a Vault");
    return vault;
  }

  /** The names of the engine's findings, read on first use. */
  #namesOf(engine: glue.Engine): Names {
    return (this.#names ??= namesOf(engine));
  }

  #live(): glue.Engine {
    if (this.#engine === undefined) {
      throw new AirlockError("internal", "this Airlock was disposed");
    }
    return this.#engine;
  }
}

/** Where a loader finds the Wasm modules unless the options say. */
export interface WasmDefaults {
  wasm(): WasmSource;
  egressWasm(): WasmSource;
}

/**
 * The loaders' common part: loads the engine (once per realm), compiles
 * the policy, then loads the egress module (once per realm) only when the
 * policy has `egress.allow` entries, and compiles them.
 *
 * @throws {AirlockError} a `policy_*` code naming the path of the
 *   problem; `internal` when a module cannot be loaded.
 */
export async function openAirlock(
  options: AirlockOptions,
  defaults: WasmDefaults,
): Promise<Airlock> {
  const egressSource = () => options.egressWasm ?? defaults.egressWasm();
  // A policy that plainly has entries fetches both modules at once (one
  // round trip, not two); the engine's count decides what is used. A
  // failure here is reported by the load below.
  if (listsEgressEntries(options.policy)) {
    loadEgressWasm(egressSource).catch(() => {});
  }
  await loadWasm(() => options.wasm ?? defaults.wasm());
  const airlock = new Airlock(options);
  try {
    await loadEgress(airlock, egressSource);
  } catch (e) {
    airlock.dispose();
    throw e;
  }
  return airlock;
}

function policyText(policy: Policy | string | undefined): string | undefined {
  if (policy === undefined) return undefined;
  if (typeof policy === "string") return policy;
  if (typeof policy !== "object" || policy === null || Array.isArray(policy)) {
    throw argumentError("policy must be an object or a JSON string");
  }
  return JSON.stringify(policy);
}

function keyBytes(key: Uint8Array | string | undefined, name: string): Uint8Array {
  if (key === undefined) {
    return globalThis.crypto.getRandomValues(new Uint8Array(32));
  }
  if (typeof key === "string") {
    if (key.length === 0) throw argumentError(`${name} must not be empty`);
    return new TextEncoder().encode(key);
  }
  if (!(key instanceof Uint8Array) || key.length === 0) {
    throw argumentError(`${name} must be a non-empty Uint8Array or string`);
  }
  return key;
}

/** Checks a text bound for the engine. Lone surrogates need no pass of
 * their own: the glue copies text into Wasm with `TextEncoder`, which
 * encodes each as U+FFFD, as the engine expects. */
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
