/**
 * Vaults: where the originals behind reversible replacements (tokens,
 * pseudonyms, surrogates) stay, on the client, so a model's reply can be
 * restored.
 */

import * as glue from "../wasm/airlock.js";
import { call } from "./engine.js";
import { argumentError } from "./errors.js";

/** The result of {@link Vault.restoreDetailed}. */
export interface Restoration {
  /** The text with every known token put back. */
  text: string;
  /** How many tokens were restored. */
  restored: number;
  /** Token-shaped texts the vault does not know; left as they were. */
  unknown: string[];
}

/** Options of {@link Vault.export} and {@link Vault.import}. */
export interface VaultBlobOptions {
  /** Data bound to the blob but not stored in it (a conversation id, say):
   * import fails unless it is the same. */
  aad?: Uint8Array | string;
}

/**
 * The originals behind one conversation's tokens. Its contents never leave
 * the client unless exported, encrypted, by {@link Vault.export}.
 *
 * @example
 * const blob = airlock.vault().export(key);      // AES-256-GCM
 * // ... later, maybe in another worker or flow node:
 * const vault = airlock.importVault(blob, key);
 * airlock.restore(answer, { vault });
 */
export class Vault {
  /** @internal */
  readonly handle: glue.VaultHandle;

  /** @internal Use `airlock.vault()`, `airlock.newVault()` or
   * `airlock.importVault()`. */
  constructor(handle: glue.VaultHandle) {
    this.handle = handle;
  }

  /** How many values the vault holds. */
  get size(): number {
    return call(() => this.handle.size());
  }

  /** Sets how many values it may hold (default 10,000); past that,
   * redaction fails with `vault_full`. */
  setMaxEntries(max: number): void {
    if (!Number.isSafeInteger(max) || max < 0) {
      throw argumentError("max must be a non-negative integer");
    }
    call(() => this.handle.setMaxEntries(max));
  }

  /** Puts the originals back into `text`. */
  restore(text: string): string {
    return this.restoreDetailed(text).text;
  }

  /** Puts the originals back and reports what it did. */
  restoreDetailed(text: string): Restoration {
    if (typeof text !== "string") {
      throw argumentError(`text must be a string, got ${typeof text}`);
    }
    return call(() => this.handle.restore(text) as Restoration);
  }

  /**
   * Encrypts the vault with AES-256-GCM under a 32-byte `key`, with a fresh
   * random nonce.
   *
   * @throws {AirlockError} `vault_key` for a key that is not 32 bytes.
   */
  export(key: Uint8Array, options: VaultBlobOptions = {}): Uint8Array {
    const nonce = globalThis.crypto.getRandomValues(new Uint8Array(12));
    return call(() =>
      this.handle.export(bytes(key, "key"), nonce, aad(options)),
    );
  }

  /**
   * Decrypts a blob made by {@link Vault.export}.
   *
   * @throws {AirlockError} `vault_decrypt` for a wrong key or `aad` or an
   *   altered blob; `vault_format`, `vault_version` for a damaged one.
   */
  static import(
    blob: Uint8Array,
    key: Uint8Array,
    options: VaultBlobOptions = {},
  ): Vault {
    return new Vault(
      call(() =>
        glue.VaultHandle.import(bytes(blob, "blob"), bytes(key, "key"), aad(options)),
      ),
    );
  }

  /** Zeroizes the contents. The vault is unusable after. */
  dispose(): void {
    this.handle.dispose();
  }

  /** Counts only: a vault never prints its contents. */
  toString(): string {
    return `Vault(${this.handle.size()} values)`;
  }
}

function bytes(value: unknown, name: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw argumentError(`${name} must be a Uint8Array`);
  }
  return value;
}

function aad(options: VaultBlobOptions): Uint8Array {
  const { aad } = options;
  if (aad === undefined) return new Uint8Array(0);
  if (typeof aad === "string") return new TextEncoder().encode(aad);
  return bytes(aad, "aad");
}

/** A new vault with a random seed for its surrogates. */
export function newVault(): Vault {
  const seed = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return new Vault(call(() => new glue.VaultHandle(seed)));
}
