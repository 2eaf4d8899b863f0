/**
 * Loading the Wasm modules, and running calls into them so that every
 * failure becomes an `AirlockError` and a trap stops all later calls.
 *
 * There are two modules: the engine, and the egress allowlist, which
 * carries a URL parser and is loaded only for policies that allow some
 * URL. Each has its own memory, so each fails on its own.
 */

import init from "../wasm/airlock.js";
import initEgress from "../wasm/airlock_egress.js";
import { AirlockError, fromWasmError } from "./errors.js";

/** Where a Wasm module comes from: a compiled module, its bytes, or a URL
 * or response to fetch it from. */
export type WasmSource =
  | WebAssembly.Module
  | BufferSource
  | URL
  | string
  | Response
  | Promise<Response>;

type Init = (options: { module_or_path: WasmSource }) => Promise<unknown>;

/** One Wasm module of the realm: loaded once, refused after a trap. */
class WasmModule {
  readonly #name: string;
  readonly #init: Init;
  #loading: Promise<unknown> | undefined;
  #loaded = false;
  /** Set once the instance trapped: its memory can no longer be trusted,
   * so every later call fails closed. */
  #poisoned = false;

  constructor(name: string, init: Init) {
    this.#name = name;
    this.#init = init;
  }

  /** Loads the module once per realm; `source` is asked only then. */
  async load(source: () => WasmSource): Promise<void> {
    this.#loading ??= this.#init({ module_or_path: source() }).catch(
      (e: unknown) => {
        this.#loading = undefined;
        throw new AirlockError("internal", `could not load the Wasm module of the ${this.#name}`, {
          cause: e,
        });
      },
    );
    await this.#loading;
    this.#loaded = true;
  }

  /** Runs a call into the module, turning every failure into an
   * `AirlockError`. */
  call<T>(f: () => T): T {
    if (!this.#loaded) {
      throw new AirlockError(
        "internal",
        `the ${this.#name} is not loaded yet: await createAirlock() first`,
      );
    }
    if (this.#poisoned) {
      throw new AirlockError(
        "internal",
        `the ${this.#name} failed earlier and refuses further work; reload it`,
      );
    }
    try {
      return f();
    } catch (e) {
      const err = fromWasmError(e);
      if (err.code === "internal" && e instanceof WebAssembly.RuntimeError) {
        this.#poisoned = true;
      }
      throw err;
    }
  }
}

const engine = new WasmModule("Airlock engine", init);
const egress = new WasmModule("Airlock egress check", initEgress);

/** Loads the engine's Wasm module once per realm. */
export function loadWasm(source: () => WasmSource): Promise<void> {
  return engine.load(source);
}

/** Runs a call into the engine, turning every failure into an
 * `AirlockError`. */
export function call<T>(f: () => T): T {
  return engine.call(f);
}

/** Loads the egress allowlist's Wasm module once per realm. */
export function loadEgressWasm(source: () => WasmSource): Promise<void> {
  return egress.load(source);
}

/** Runs a call into the egress module, as {@link call} does. */
export function callEgress<T>(f: () => T): T {
  return egress.call(f);
}
