/**
 * LLM request and response helpers: redact the texts a model reads in a
 * provider's request body, restore the texts it writes in the response.
 */

import { argumentError } from "./errors.js";
import {
  detectProvider,
  detectResponseProvider,
  isObj,
  mapRequest,
  mapResponse,
  providerOption,
  type Json,
  type Obj,
  type Provider,
  type ProviderOption,
} from "./providers.js";
import { StreamState } from "./events.js";
import type { Finding, Redaction } from "./types.js";
import type { Vault } from "./vault.js";

/**
 * Options of `airlock.redactRequest`.
 *
 * @example
 * airlock.redactRequest(body, { url, vault: conversationVault });
 */
export interface RedactRequestOptions {
  /** The API's provider; `"auto"` (the default) tells it from `url`, then
   * from the body's shape. */
  provider?: ProviderOption;
  /** Where the request goes, to tell the provider by. */
  url?: string | URL;
  /** The vault to fill; the instance's own when absent. */
  vault?: Vault;
}

/**
 * Options of `airlock.restoreResponse`.
 *
 * @example
 * airlock.restoreResponse(json, { provider: "gemini", vault });
 */
export interface RestoreResponseOptions {
  /** The API's provider; `"auto"` (the default) tells it from the body. */
  provider?: ProviderOption;
  /** The vault to restore from; the instance's own when absent. */
  vault?: Vault;
}

/**
 * A finding inside a request body. Offsets (UTF-16 code units) refer to
 * the string at `path`, or, for tool-call arguments (JSON in a string),
 * to the string value at `jsonPath` inside that JSON.
 *
 * @example
 * for (const f of airlock.redactRequest(body).findings) {
 *   console.log(f.kind, f.path, f.jsonPath ?? ""); // email messages[1].content
 * }
 */
export interface RequestFinding extends Finding {
  /** Where the text is in the body, e.g. `messages[2].content` or
   * `contents[0].parts[1].text`. */
  path: string;
  /** For JSON held in a string: where the value is inside it, e.g.
   * `recipient.email`; `""` for the JSON's root. */
  jsonPath?: string;
}

/**
 * The result of `airlock.redactRequest`.
 *
 * @example
 * const { body, findings, provider } = airlock.redactRequest(init.body);
 * await fetch(url, { ...init, body });
 */
export interface RedactedRequest<T> {
  /** A new body, safe to send: of the same type as the one given (a JSON
   * string stays a string). */
  body: T;
  /** What was found and done, in body order. */
  findings: RequestFinding[];
  /** The provider whose shape was used. */
  provider: Provider;
}

/**
 * @internal Redacts the model-visible texts of a request body with
 * `redact`. Any failure throws; no partly redacted body escapes.
 */
export function redactRequestWith<T>(
  body: T,
  options: RedactRequestOptions,
  redact: (text: string) => Redaction,
): RedactedRequest<T> {
  if (!isObj(options)) throw argumentError("options must be an object");
  const asText = typeof body === "string";
  const value = asText ? parseBody(body) : body;
  if (!isObj(value)) {
    throw argumentError("body must be a JSON object or its JSON text");
  }
  const provider = requestProvider(value, options);
  const findings: RequestFinding[] = [];
  const out = mapRequest(provider, value, (text, path, jsonPath) => {
    const r = redact(text);
    for (const f of r.findings) {
      findings.push(
        jsonPath === undefined ? { ...f, path } : { ...f, path, jsonPath },
      );
    }
    return r.text;
  });
  return {
    body: (asText ? JSON.stringify(out) : out) as T,
    findings,
    provider,
  };
}

function requestProvider(body: Obj, options: RedactRequestOptions): Provider {
  const option = providerOption(options.provider);
  if (option !== "auto") return option;
  const { url } = options;
  if (url !== undefined && typeof url !== "string" && !(url instanceof URL)) {
    throw argumentError("url must be a string or a URL");
  }
  const found = detectProvider(body, url);
  if (found === undefined) {
    // Fail closed: an unknown shape might hide text in unknown places.
    throw argumentError(
      "cannot tell the provider from this body: pass options.provider",
    );
  }
  return found;
}

/**
 * @internal Restores the model-written texts of a non-streamed response
 * body from `vault`. A body of no known shape (an error, say) comes back
 * as an unchanged copy.
 */
export function restoreResponseWith<T>(
  body: T,
  options: RestoreResponseOptions,
  vault: Vault,
): T {
  if (!isObj(options)) throw argumentError("options must be an object");
  const asText = typeof body === "string";
  const value = asText ? parseBody(body) : (body as Json);
  if (!isObj(value) && !Array.isArray(value)) {
    throw argumentError(
      "body must be a JSON object or array, or its JSON text",
    );
  }
  const option = providerOption(options.provider);
  const provider =
    option === "auto" ? detectResponseProvider(value) : option;
  let out: Json;
  if (provider === undefined) {
    out = structuredClone(value);
  } else if (Array.isArray(value)) {
    out = restoreChunks(provider, value, vault);
  } else {
    out = mapResponse(provider, value, (text) => vault.restore(text));
  }
  return (asText ? JSON.stringify(out) : out) as T;
}

/**
 * Restores an array of stream chunks (Gemini's streamGenerateContent
 * without `alt=sse` answers with one) as the SSE restorer would: tokens
 * split between chunks come back whole.
 */
function restoreChunks(
  provider: Provider,
  chunks: Json[],
  vault: Vault,
): Json[] {
  const state = new StreamState(provider, vault);
  const out: Json[] = [];
  try {
    for (const chunk of chunks) {
      if (!isObj(chunk)) {
        out.push(chunk);
        continue;
      }
      const copy = structuredClone(chunk);
      const result = state.handle(copy);
      if (result !== undefined) out.push(...result.before.map((e) => e.data));
      out.push(copy);
    }
    out.push(...state.finishAll().map((e) => e.data));
  } finally {
    state.free();
  }
  return out;
}

function parseBody(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw argumentError("body is not valid JSON");
  }
}
