/**
 * Restoring a provider's server-sent-event stream: parse the events,
 * restore inside their JSON payloads, write them out again.
 *
 * Parsing follows the HTML standard's event-stream rules: lines end in
 * LF, CRLF or CR; `data:` lines of one event join with LF; a line
 * starting with `:` is a comment; an event ends at a blank line. Events
 * are written back as they came (decoded as UTF-8, so invalid bytes
 * become U+FFFD) unless their payload changed; then only their `data:`
 * lines are replaced (by one line), with `event:`, `id:`, `retry:` and
 * comment lines kept where they were.
 */

import { isBytes, type CancellableTransformer } from "./chunks.js";
import { AirlockError, argumentError } from "./errors.js";
import { MAX_HELD_CHARS, StreamState, type Emit } from "./events.js";
import { isObj, type Obj, type ProviderOption } from "./providers.js";
import type { Vault } from "./vault.js";

interface Line {
  text: string;
  /** `\n`, `\r\n`, `\r`, or `""` for a last line cut by the stream's
   * end. */
  eol: string;
}

/** @internal The transform behind `airlock.restoreSSE`. */
export function createRestoreSSE(
  vault: Vault,
  provider: ProviderOption,
): TransformStream<Uint8Array, Uint8Array> {
  const state = new StreamState(provider, vault);
  const parser = new SseParser(state);
  const encoder = new TextEncoder();
  const transformer: CancellableTransformer<Uint8Array, Uint8Array> = {
    transform(chunk, controller) {
      try {
        if (!isBytes(chunk)) {
          throw argumentError("restoreSSE takes Uint8Array chunks");
        }
        const out = parser.push(chunk);
        if (out !== "") controller.enqueue(encoder.encode(out));
      } catch (e) {
        state.free();
        throw e;
      }
    },
    flush(controller) {
      try {
        const out = parser.end();
        if (out !== "") controller.enqueue(encoder.encode(out));
      } finally {
        state.free();
      }
    },
    cancel() {
      state.free();
    },
  };
  return new TransformStream(transformer);
}

const LINE_BREAK = /[\r\n]/g;

/** @internal An event-stream parser that restores as it goes. */
class SseParser {
  readonly #state: StreamState;
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  /** Text of the line being received. */
  #buf = "";
  /** Where in `#buf` to look for the next line break. */
  #scanFrom = 0;
  #lines: Line[] = [];
  #chars = 0;
  #started = false;
  /** The line ending and naming of the last event, for synthesised
   * ones. */
  #eol = "\n";
  #named = false;
  /** When the stream ended inside an event: its last line's ending. */
  #cutEol: string | undefined;
  #out: string[] = [];

  constructor(state: StreamState) {
    this.#state = state;
  }

  /** Takes bytes; returns the text of the events completed. */
  push(bytes: Uint8Array): string {
    this.#feed(this.#decoder.decode(bytes, { stream: true }), false);
    return this.#take();
  }

  /** Ends the stream: the last event, and the rest of every channel. */
  end(): string {
    this.#feed(this.#decoder.decode(), true);
    return this.#take();
  }

  #take(): string {
    const out = this.#out.join("");
    this.#out = [];
    return out;
  }

  #feed(text: string, final: boolean): void {
    if (!this.#started && text !== "") {
      this.#started = true;
      // A byte order mark is not part of the first line; keep it.
      if (text.startsWith("\uFEFF")) {
        this.#out.push("\uFEFF");
        text = text.slice(1);
      }
    }
    const buf = this.#buf + text;
    let start = 0;
    let from = this.#scanFrom;
    for (;;) {
      LINE_BREAK.lastIndex = from;
      const m = LINE_BREAK.exec(buf);
      if (m === null) {
        from = buf.length;
        break;
      }
      const at = m.index;
      let eol: string;
      if (buf[at] === "\n") eol = "\n";
      else if (at + 1 < buf.length) eol = buf[at + 1] === "\n" ? "\r\n" : "\r";
      else if (final) eol = "\r";
      else {
        // A CR last: wait to see whether an LF follows.
        from = at;
        break;
      }
      this.#line(buf.slice(start, at), eol);
      start = from = at + eol.length;
    }
    this.#buf = buf.slice(start);
    this.#scanFrom = from - start;
    if (this.#buf.length > MAX_HELD_CHARS) throw tooLarge();
    if (!final) return;
    if (this.#buf !== "") this.#line(this.#buf, "");
    this.#buf = "";
    if (this.#lines.length > 0) this.#dispatch("");
    this.#emit(this.#state.finishAll());
  }

  #line(text: string, eol: string): void {
    if (text === "") {
      this.#dispatch(eol);
      return;
    }
    this.#chars += text.length;
    if (this.#chars > MAX_HELD_CHARS) throw tooLarge();
    this.#lines.push({ text, eol });
  }

  /** Handles the event received; `end` is its blank line's line ending,
   * `""` when the stream ended first. */
  #dispatch(end: string): void {
    const lines = this.#lines;
    this.#lines = [];
    this.#chars = 0;
    let name: string | undefined;
    const data: string[] = [];
    for (const l of lines) {
      const [field, value] = splitField(l.text);
      if (field === "data") data.push(value);
      else if (field === "event") name = value;
    }
    if (lines.length > 0) {
      this.#eol = end || lines[lines.length - 1]!.eol || "\n";
      this.#named = name !== undefined;
    }
    const payload = this.#restoreData(data);
    const out = this.#out;
    let written = false;
    let lastEol: string | undefined;
    for (const l of lines) {
      if (payload === undefined || splitField(l.text)[0] !== "data") {
        out.push(l.text, l.eol);
      } else if (!written) {
        // The restored payload, on one line, where the data began.
        written = true;
        out.push("data: ", JSON.stringify(payload), l.eol);
      } else {
        continue;
      }
      lastEol = l.eol;
    }
    out.push(end);
    if (end === "" && lastEol !== undefined) this.#cutEol = lastEol;
  }

  /** Restores an event's data, emitting any events due before it; the
   * new payload, or `undefined` to send the event as it came. */
  #restoreData(data: string[]): Obj | undefined {
    if (data.length === 0) return undefined;
    const text = data.join("\n");
    if (text.trim() === "[DONE]") {
      // OpenAI's end of stream: every channel ends here.
      this.#emit(this.#state.finishAll());
      return undefined;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (!isObj(payload)) return undefined;
    const handled = this.#state.handle(payload);
    if (handled === undefined) return undefined;
    this.#emit(handled.before);
    return handled.changed ? payload : undefined;
  }

  /** Writes synthesised events. */
  #emit(events: Emit[]): void {
    if (events.length === 0) return;
    const eol = this.#eol;
    if (this.#cutEol !== undefined) {
      // The stream ended inside an event: end it, so that the new ones
      // stay separate.
      this.#out.push(this.#cutEol === "" ? eol + eol : eol);
      this.#cutEol = undefined;
    }
    for (const e of events) {
      if (this.#named && e.event !== undefined) {
        this.#out.push("event: ", e.event, eol);
      }
      this.#out.push("data: ", JSON.stringify(e.data), eol, eol);
    }
  }
}

/** A line's field name and value (one leading space dropped); a
 * comment's name is `""`. */
function splitField(line: string): [string, string] {
  if (line.startsWith(":")) return ["", line];
  const colon = line.indexOf(":");
  if (colon < 0) return [line, ""];
  let value = line.slice(colon + 1);
  if (value.startsWith(" ")) value = value.slice(1);
  return [line.slice(0, colon), value];
}

function tooLarge(): AirlockError {
  return new AirlockError(
    "input_too_large",
    `an event-stream line or event exceeds ${MAX_HELD_CHARS} characters`,
  );
}

/**
 * A copy of `response` whose body is piped through `transform`, with the
 * same status and headers (less `content-length`, which no longer
 * holds). For wrapping `fetch`.
 *
 * @throws {TypeError} when `response` is not a Response.
 * @example
 * const res = await fetch(url, init);
 * return pipeResponse(res, airlock.restoreSSE({ provider: "openai" }));
 */
export function pipeResponse(
  response: Response,
  transform: ReadableWritablePair<Uint8Array, Uint8Array>,
): Response {
  if (typeof Response === "undefined" || !(response instanceof Response)) {
    throw argumentError("response must be a Response");
  }
  if (response.body === null) return response;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(response.body.pipeThrough(transform), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * Options of `airlock.restoreSSE`.
 *
 * @example
 * res.body.pipeThrough(airlock.restoreSSE({ provider: "anthropic", vault }));
 */
export interface RestoreSSEOptions {
  /** Whose stream it is; `"auto"` (the default) tells each event's
   * provider from its shape. */
  provider?: ProviderOption;
  /** The vault to restore from; the instance's own when absent. */
  vault?: Vault;
}
