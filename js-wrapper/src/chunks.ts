/**
 * Small pieces shared by the streaming transforms.
 */

/** A `Transformer` with the `cancel` hook newer runtimes call when the
 * stream is cancelled or aborted (older ones ignore it). */
export type CancellableTransformer<I, O> = Transformer<I, O> & {
  cancel?: (reason: unknown) => void;
};

/** @internal Whether `v` is a Uint8Array, from this realm or another. */
export function isBytes(v: unknown): v is Uint8Array {
  return (
    v instanceof Uint8Array ||
    Object.prototype.toString.call(v) === "[object Uint8Array]"
  );
}

/**
 * @internal Keeps a UTF-16 surrogate pair whole across string chunks:
 * the Wasm side takes only whole characters, and would turn each half
 * into U+FFFD.
 */
export class SurrogateCarry {
  #high = "";

  /** The chunk to push now: with the high surrogate held from the last
   * chunk, without a high surrogate that ends this one. */
  take(chunk: string): string {
    let text = this.#high + chunk;
    this.#high = "";
    const last = text.charCodeAt(text.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.#high = text.slice(-1);
      text = text.slice(0, -1);
    }
    return text;
  }

  /** What is held at the end of the stream (a lone high surrogate). */
  rest(): string {
    const high = this.#high;
    this.#high = "";
    return high;
  }
}
