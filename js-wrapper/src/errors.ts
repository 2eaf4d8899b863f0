import type { Finding } from "./types.js";

/**
 * Errors thrown by Airlock. Every error has a stable `code`; none carries a
 * scanned value.
 */

/** The stable codes of {@link AirlockError}. */
export type AirlockErrorCode =
  | "policy_syntax"
  | "policy_invalid"
  | "policy_pattern"
  | "policy_too_large"
  | "input_too_large"
  | "blocked"
  | "not_allowed"
  | "vault_full"
  | "vault_template"
  | "vault_key"
  | "vault_nonce"
  | "vault_decrypt"
  | "vault_format"
  | "vault_version"
  | "vault_disposed"
  | "internal";

/**
 * An error from Airlock: a policy that cannot be used, a text that cannot
 * be sent, or an internal failure. Whenever it is thrown, nothing was
 * redacted or sent: fall back to not sending.
 *
 * @example
 * try {
 *   airlock.redact(prompt);
 * } catch (e) {
 *   if (e instanceof AirlockError && e.code === "blocked") {
 *     console.warn("not sent, contains:", e.kinds);
 *   }
 * }
 */
export class AirlockError extends Error {
  /** What went wrong, e.g. `policy_pattern` or `blocked`. */
  readonly code: AirlockErrorCode;
  /** For policy errors: where in the document, e.g. `custom[2].pattern`. */
  readonly path: string | undefined;
  /** For `blocked`: the kinds of value that the policy blocks. */
  readonly kinds: readonly string[] | undefined;
  /** For `blocked`: the detectors that found them. */
  readonly detectors: readonly string[] | undefined;
  /** For `blocked`: what was found (kinds and offsets, never values). */
  readonly findings: readonly Finding[] | undefined;
  /** For `not_allowed`: the egress reason code (`private_network`, ...). */
  readonly reason: string | undefined;
  /** For `not_allowed`: the normalised URL that was refused. */
  readonly url: string | undefined;

  constructor(
    code: AirlockErrorCode,
    message: string,
    details: {
      path?: string;
      kinds?: readonly string[];
      detectors?: readonly string[];
      reason?: string;
      url?: string;
      findings?: readonly Finding[];
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? {} : { cause: details.cause });
    this.name = "AirlockError";
    this.code = code;
    this.path = details.path;
    this.kinds = details.kinds;
    this.detectors = details.detectors;
    this.reason = details.reason;
    this.findings = details.findings;
    this.url = details.url;
  }
}

const CODES: ReadonlySet<string> = new Set<AirlockErrorCode>([
  "policy_syntax",
  "policy_invalid",
  "policy_pattern",
  "policy_too_large",
  "input_too_large",
  "blocked",
  "not_allowed",
  "vault_full",
  "vault_template",
  "vault_key",
  "vault_nonce",
  "vault_decrypt",
  "vault_format",
  "vault_version",
  "vault_disposed",
  "internal",
]);

/**
 * Turns whatever the Wasm side threw into an {@link AirlockError}. A trap
 * (a Rust panic) or any unknown error becomes `internal`.
 */
export function fromWasmError(e: unknown): AirlockError {
  if (e instanceof AirlockError) return e;
  const err = e as {
    code?: unknown;
    message?: unknown;
    path?: unknown;
    kinds?: unknown;
    detectors?: unknown;
  };
  if (e instanceof Error && typeof err.code === "string" && CODES.has(err.code)) {
    const details: {
      path?: string;
      kinds?: string[];
      detectors?: string[];
    } = {};
    if (typeof err.path === "string" && err.path !== "") details.path = err.path;
    if (Array.isArray(err.kinds)) details.kinds = err.kinds.map(String);
    if (Array.isArray(err.detectors)) {
      details.detectors = err.detectors.map(String);
    }
    return new AirlockError(
      err.code as AirlockErrorCode,
      String(err.message),
      details,
    );
  }
  return new AirlockError("internal", "internal error in the Airlock engine", {
    cause: e,
  });
}

/** A `TypeError` for a bad argument from plain JavaScript callers. */
export function argumentError(message: string): TypeError {
  const err = new TypeError(message);
  (err as TypeError & { code: string }).code = "invalid_argument";
  return err;
}
