/**
 * Loading the Wasm modules, and running calls into them so that every
 * failure becomes an `AirlockError` and a trap stops all later calls.
 *
 * There are two modules: the engine, and the egress allowlist, which
 * carries a URL parser and is loaded only for policies that allow some
 * URL. Each has its own memory, so each fails on its own.
 */

import init, { initSync } from "../wasm/airlock.js";
import initEgress, { initSync as initEgressSync } from "../wasm/airlock_egress.js";
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

/** A module's wasm-bindgen entry points. */
interface Glue {
  init(options: { module_or_path: WasmSource }): Promise<unknown>;
  initSync(options: { module: WebAssembly.Module }): unknown;
}

/** One Wasm module of the realm: loaded once, refused after a trap. */
class WasmModule {
  readonly #name: string;
  readonly #glue: Glue;
  #loading: Promise<unknown> | undefined;
  #loaded = false;
  /** Set once the instance trapped: its memory can no longer be trusted,
   * so every later call fails closed. */
  #poisoned = false;

  constructor(name: string, glue: Glue) {
    this.#name = name;
    this.#glue = glue;
  }

  /** Loads the module once per realm; `source` is asked only then. */
  async load(source: () => WasmSource): Promise<void> {
    this.#loading ??= this.#instantiate(source).catch(
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

  /** Bytes and modules are compiled here and instantiated directly: the
   * glue's async path asks whether its input is a `Response`, which in
   * Node loads the whole fetch implementation (about 10 ms of start-up).
   * URLs and responses still go through it, for streaming compilation. */
  async #instantiate(source: () => WasmSource): Promise<void> {
    const src = await source();
    if (src instanceof WebAssembly.Module) {
      this.#glue.initSync({ module: src });
    } else if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) {
      this.#glue.initSync({ module: await WebAssembly.compile(src) });
    } else {
      await this.#glue.init({ module_or_path: src });
    }
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

const engine = new WasmModule("Airlock engine", { init, initSync });
const egress = new WasmModule("Airlock egress check", {
  init: initEgress,
  initSync: initEgressSync,
});

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
