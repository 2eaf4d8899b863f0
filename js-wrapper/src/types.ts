/** Shapes shared by the API, the CLI and the loaders. */

/** The broad class of a sensitive value. */
export type Kind =
  | "email"
  | "phone"
  | "payment_card"
  | "iban"
  | "national_id"
  | "ip_address"
  | "crypto_wallet"
  | "secret"
  | "custom"
  | "person"
  | "address";

/** What a policy does with a value. */
export type Action =
  | "redact"
  | "label"
  | "mask"
  | "hash"
  | "block"
  | "allow"
  | "tokenize"
  | "pseudonymize"
  | "surrogate";

/**
 * One sensitive value. Offsets are UTF-16 code units, the unit of
 * JavaScript string indices: `text.slice(start, end)` is the value.
 */
export interface Finding {
  /** The broad class, e.g. `email`. */
  kind: Kind;
  /** The detector, e.g. `github_pat`, or a custom detector's id. */
  detector: string;
  /** Start of the value (UTF-16 code units). */
  start: number;
  /** End of the value, exclusive (UTF-16 code units). */
  end: number;
  /** The action the policy takes. */
  action: Action;
  /** In redaction results: the text put in place of the value; absent when
   * the value was left as is. */
  replacement?: string;
}

/** The result of {@link Airlock.redact}. */
export interface Redaction {
  /** The text with every finding transformed: safe to send. */
  text: string;
  /** What was found and done, in text order; offsets refer to the input. */
  findings: Finding[];
}

/** A detector setting in a policy. */
export interface DetectorSetting {
  action?: Action;
  /** For `mask`: how many trailing letters and digits stay readable. */
  keep?: number;
  /** `false` switches the detector (or kind) off. */
  enabled?: boolean;
}

/** A detector an admin adds: a pattern or a dictionary. */
export interface CustomDetector {
  id: string;
  /** A Rust `regex` pattern (ASCII classes), linear time. */
  pattern?: string;
  /** Terms matched literally. */
  dictionary?: string[];
  caseSensitive?: boolean;
  /** Dictionary terms match whole words only (default `true`). */
  wholeWord?: boolean;
  /** Words of which one must occur near a match. */
  context?: string[];
  /** How near, in characters either side (default 64). */
  contextWindow?: number;
  action?: Action;
  keep?: number;
}

/** The policy document; see `policy.schema.json` in the package. */
export interface Policy {
  version: 1;
  defaultAction?: Action;
  detectors?: Record<string, DetectorSetting>;
  custom?: CustomDetector[];
  /** Values never redacted: literals, or `{ pattern }` for whole values. */
  allow?: Array<string | { pattern: string }>;
  limits?: { maxInputBytes?: number };
  /** Where requests may go (`checkUrl`, `guardFetch`): URLPattern
   * strings, everything else denied. With entries, `createAirlock` also
   * loads the egress allowlist's Wasm module; without, every URL is
   * denied and that module is never loaded. */
  egress?: { allow?: string[] };
  [section: string]: unknown;
}

/** What a built-in detector is. */
export interface DetectorInfo {
  id: string;
  kind: Kind;
}
