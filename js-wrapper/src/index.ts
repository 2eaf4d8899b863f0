/**
 * Airlock: finds secrets and personal data in text bound for an LLM and
 * redacts them per policy, on the client.
 *
 * Import `createAirlock` from the package root; the right loader for the
 * runtime is picked by the package's `exports` conditions.
 *
 * @packageDocumentation
 */

export { Airlock, type AirlockOptions, type VaultOption } from "./airlock.js";
export { Vault, type Restoration, type VaultBlobOptions } from "./vault.js";
export type { WasmSource } from "./engine.js";
export { AirlockError, type AirlockErrorCode } from "./errors.js";
export type * from "./types.js";
export {
  detectProvider,
  detectResponseProvider,
  providerForUrl,
  type Provider,
  type ProviderOption,
} from "./providers.js";
export type {
  RedactedRequest,
  RedactRequestOptions,
  RequestFinding,
  RestoreResponseOptions,
} from "./requests.js";
export { pipeResponse, type RestoreSSEOptions } from "./sse.js";
