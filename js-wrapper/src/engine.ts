/**
 * Loading the Wasm module, and running calls into it so that every failure
 * becomes an `AirlockError` and a trap stops all later calls.
 */

import init from "../wasm/airlock.js";
import { AirlockError, fromWasmError } from "./errors.js";

/** Where the Wasm module comes from: a compiled module, its bytes, or a URL
 * or response to fetch it from. */
export type WasmSource =
  | WebAssembly.Module
  | BufferSource
  | URL
  | string
  | Response
  | Promise<Response>;

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

/** Runs a Wasm call, turning every failure into an `AirlockError`. */
export function call<T>(f: () => T): T {
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
