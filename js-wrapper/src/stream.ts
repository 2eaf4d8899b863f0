/**
 * Restoring a streamed reply: a `TransformStream` over the Wasm
 * restorer, which holds back only the shortest tail that could still
 * become a token, so memory stays flat however long the stream.
 */

import type * as glue from "../wasm/airlock.js";
import { call } from "./engine.js";
import { argumentError } from "./errors.js";
import {
  isBytes,
  SurrogateCarry,
  type CancellableTransformer,
} from "./chunks.js";
import type { Vault } from "./vault.js";

/** @internal The transform behind `airlock.restoreStream`. */
export function createRestoreStream<T extends Uint8Array | string>(
  vault: Vault,
): TransformStream<T, T> {
  let restorer: glue.Restorer | undefined;
  const carry = new SurrogateCarry();
  let mode: "bytes" | "text" | undefined;
  const encoder = new TextEncoder();
  const release = () => {
    restorer?.free();
    restorer = undefined;
  };
  const live = (): glue.Restorer => {
    // Made at the first chunk, so that it sees every value redacted
    // before the reply began.
    restorer ??= call(() => vault.handle.restorer());
    return restorer;
  };
  const send = (
    controller: TransformStreamDefaultController<T>,
    text: string,
  ) => {
    if (text === "") return;
    controller.enqueue((mode === "bytes" ? encoder.encode(text) : text) as T);
  };
  const transformer: CancellableTransformer<T, T> = {
    transform(chunk, controller) {
      try {
        const kind = isBytes(chunk)
          ? "bytes"
          : typeof chunk === "string"
            ? "text"
            : undefined;
        if (kind === undefined) {
          throw argumentError(
            "restoreStream takes Uint8Array or string chunks",
          );
        }
        mode ??= kind;
        if (kind !== mode) {
          throw argumentError(
            "restoreStream takes either Uint8Array or string chunks, not both",
          );
        }
        const r = live();
        send(
          controller,
          kind === "bytes"
            ? call(() => r.pushBytes(chunk as Uint8Array))
            : call(() => r.push(carry.take(chunk as string))),
        );
      } catch (e) {
        release();
        throw e;
      }
    },
    flush(controller) {
      try {
        if (restorer !== undefined) {
          const r = restorer;
          send(controller, call(() => r.push(carry.rest()) + r.finish()));
        }
      } finally {
        release();
      }
    },
    cancel() {
      release();
    },
  };
  return new TransformStream<T, T>(transformer);
}
