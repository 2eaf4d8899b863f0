/**
 * `guardFetch`: a `fetch` that checks every URL against the egress
 * allowlist (each redirect hop too) and redacts the request body before
 * anything is sent. It fails closed: when a check or the redaction fails,
 * no request is made and the promise rejects with an `AirlockError`.
 */

import { AirlockError } from "./errors.js";

/** The verdict of an egress check. */
export interface UrlVerdict {
  /** Whether a request to this URL may go out. */
  allowed: boolean;
  /** A stable code: `allowed`, `not_allowed`, `private_network`, `scheme`,
   * `port`, `credentials`, `invalid_url`. */
  reason: string;
  /** The URL exactly as `fetch()` will request it (parsed, resolved,
   * normalised); absent when it does not parse. */
  url?: string;
  /** The index of the `egress.allow` entry that matched. */
  rule?: number;
}

/** Options of `guardFetch`. */
export interface GuardFetchOptions {
  /** Most redirects followed (each re-checked) before giving up.
   * Default 5. */
  maxRedirects?: number;
  /** Resolves relative URLs; default: the page's location, if any. */
  base?: string;
  /** Send bodies Airlock cannot read as text (binary, multipart forms)
   * without redaction. Default `false`: such requests are refused. */
  allowOpaqueBodies?: boolean;
}

/** What guardFetch needs from an Airlock instance. */
export interface FetchGuard {
  checkUrl(url: string, base?: string): UrlVerdict;
  redactBody(text: string, json: boolean, url: string): string;
  restoreResponse(response: Response, url: string): Response | Promise<Response>;
}

type Fetch = typeof globalThis.fetch;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Wraps `fetchImpl` so that every request goes through the guard.
 */
export function guardFetchWith(
  guard: FetchGuard,
  fetchImpl: Fetch,
  options: GuardFetchOptions = {},
): Fetch {
  if (typeof fetchImpl !== "function") {
    throw new TypeError("guardFetch needs a fetch function");
  }
  const maxRedirects = options.maxRedirects ?? 5;
  const base =
    options.base ??
    (globalThis as { location?: { href?: string } }).location?.href;

  return async function guardedFetch(
    input: RequestInfo | URL,
    init?: RequestInit,
  ): Promise<Response> {
    // Read everything from the Request first: nothing is sent until the
    // URL is checked and the body redacted.
    const request = input instanceof Request ? input : undefined;
    const rawUrl = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
    const headers = new Headers(init?.headers ?? request?.headers);
    let url = check(guard, rawUrl, base);
    let body = await readBody(init, request, headers, options);
    if (body?.kind === "text") {
      body = { ...body, text: guard.redactBody(body.text, body.json, url) };
    }

    let currentMethod = method;
    const signal = init?.signal ?? request?.signal ?? null;
    for (let hop = 0; ; hop++) {
      const response = await fetchImpl(url, {
        method: currentMethod,
        headers,
        body: body === undefined ? null : body.kind === "text" ? body.text : body.value,
        redirect: "manual",
        signal,
        credentials: init?.credentials ?? request?.credentials ?? "same-origin",
        ...(init?.cache ? { cache: init.cache } : {}),
        ...(init?.referrerPolicy ? { referrerPolicy: init.referrerPolicy } : {}),
      });
      if (response.type === "opaqueredirect") {
        // A browser hides where a manual redirect goes: refuse rather
        // than follow blind.
        throw new AirlockError(
          "not_allowed",
          "the server redirected, and the browser does not reveal where to; not followed",
          { reason: "redirect_hidden" },
        );
      }
      if (!REDIRECTS.has(response.status) || !response.headers.has("location")) {
        return guard.restoreResponse(response, url);
      }
      if (hop >= maxRedirects) {
        throw new AirlockError("not_allowed", `more than ${maxRedirects} redirects`, {
          reason: "too_many_redirects",
        });
      }
      await response.body?.cancel();
      const next = check(guard, response.headers.get("location") ?? "", url);
      // As fetch does: 303 (and 301/302 after POST) become a bodiless GET,
      // and credentials do not cross to another origin.
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && currentMethod === "POST")) {
        if (currentMethod !== "HEAD") currentMethod = "GET";
        body = undefined;
        headers.delete("content-type");
        headers.delete("content-length");
      }
      if (new URL(next).origin !== new URL(url).origin) {
        headers.delete("authorization");
        headers.delete("cookie");
        headers.delete("proxy-authorization");
      }
      url = next;
    }
  };
}

function check(guard: FetchGuard, url: string, base: string | undefined): string {
  const verdict = guard.checkUrl(url, base);
  if (!verdict.allowed || verdict.url === undefined) {
    throw new AirlockError(
      "not_allowed",
      `request refused by the egress policy (${verdict.reason})`,
      { reason: verdict.reason, ...(verdict.url ? { url: withoutQuery(verdict.url) } : {}) },
    );
  }
  return verdict.url;
}

type Body =
  | { kind: "text"; text: string; json: boolean }
  /** Sent as it is: only with `allowOpaqueBodies`. */
  | { kind: "opaque"; value: BodyInit };

async function readBody(
  init: RequestInit | undefined,
  request: Request | undefined,
  headers: Headers,
  options: GuardFetchOptions,
): Promise<Body | undefined> {
  const type = headers.get("content-type") ?? "";
  const json = /\bjson\b/i.test(type);
  const raw = init?.body ?? undefined;
  if (raw === undefined || raw === null) {
    if (!request?.body) return undefined;
    const bytes = await request.arrayBuffer();
    return readable(bytes, bytes, type, json, options);
  }
  if (typeof raw === "string") {
    return { kind: "text", text: raw, json: json || looksJson(raw) };
  }
  if (raw instanceof URLSearchParams) {
    headers.set("content-type", "application/x-www-form-urlencoded;charset=UTF-8");
    return { kind: "text", text: raw.toString(), json: false };
  }
  if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) {
    const view = raw instanceof ArrayBuffer ? new Uint8Array(raw) : new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    return readable(raw, view, type, json, options);
  }
  if (raw instanceof Blob) {
    if (!headers.has("content-type") && raw.type) headers.set("content-type", raw.type);
    const blobType = raw.type || type;
    return readable(raw, await raw.arrayBuffer(), blobType, json || /\bjson\b/i.test(blobType), options);
  }
  // FormData, streams and anything else cannot be read as one text.
  return opaque(raw, options);
}

function readable(
  original: BodyInit,
  bytes: ArrayBuffer | Uint8Array,
  type: string,
  json: boolean,
  options: GuardFetchOptions,
): Body {
  const textual = json || type === "" || /^text\/|[+/](json|xml)\b|x-www-form-urlencoded|ndjson/i.test(type);
  if (!textual) return opaque(original, options);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { kind: "text", text, json: json || looksJson(text) };
  } catch {
    return opaque(original, options);
  }
}

function opaque(value: BodyInit, options: GuardFetchOptions): Body {
  if (options.allowOpaqueBodies) return { kind: "opaque", value };
  throw new AirlockError(
    "not_allowed",
    "the request body cannot be read as text, so it cannot be redacted; refused",
    { reason: "opaque_body" },
  );
}

function looksJson(text: string): boolean {
  const t = text.trimStart();
  if (!(t.startsWith("{") || t.startsWith("["))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/** Origin and path only: a query string may carry a secret. */
function withoutQuery(url: string): string {
  const u = new URL(url);
  return u.origin + u.pathname;
}
