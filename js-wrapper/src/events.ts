/**
 * Restoring the events of a provider's stream, whatever carries them
 * (server-sent events, or a JSON array of chunks).
 *
 * A model's text arrives as deltas of a few characters, so a token is
 * routinely split over several events. Each text channel (a choice, a
 * content block, a candidate) gets its own streaming restorer: held-back
 * text goes out in the channel's next delta, and what is left when the
 * channel ends is injected into the finishing event or sent in a delta
 * event of the provider's own shape just before it.
 *
 * Tool-call arguments are JSON, and a raw original put inside a partial
 * JSON string could break its escaping. So their deltas are held back
 * (sent on with empty arguments) and the whole arguments, restored value
 * by value and escaped, go out when the call ends.
 */

import type * as glue from "../wasm/airlock.js";
import { call } from "./engine.js";
import { AirlockError } from "./errors.js";
import {
  isObj,
  mapJsonText,
  Walk,
  type Json,
  type Obj,
  type Provider,
  type ProviderOption,
} from "./providers.js";
import { SurrogateCarry } from "./chunks.js";
import type { Vault } from "./vault.js";

/** Most UTF-16 code units held for one event, line or tool call. */
export const MAX_HELD_CHARS = 32 * 1024 * 1024;

/** An event to send before the one being handled. */
export interface Emit {
  /** The SSE event name, for streams that name their events. */
  event?: string;
  data: Obj;
}

/** The outcome of {@link StreamState.handle} for a recognised event. */
export interface Handled {
  /** Events to send before this one. */
  before: Emit[];
  /** Whether the event's payload was changed (else send it as it came). */
  changed: boolean;
}

/** A text channel: a restorer, fed delta by delta. */
interface TextChannel {
  kind: "text";
  restorer: glue.Restorer;
  /** Keeps surrogate pairs cut between deltas whole. */
  carry: SurrogateCarry;
  /** Builds the delta event that carries `text` on this channel. */
  synth: (text: string) => Emit;
}

/** A tool call's arguments, held until the call ends. */
interface ArgsChannel {
  kind: "args";
  parts: string[];
  chars: number;
  synth: (text: string) => Emit;
}

type Channel = TextChannel | ArgsChannel;

const ANTHROPIC_EVENTS: ReadonlySet<string> = new Set([
  "message_start",
  "content_block_start",
  "content_block_delta",
  "content_block_stop",
  "message_delta",
  "message_stop",
  "ping",
  "error",
]);

const RESPONSES_TEXT_DELTAS: Readonly<Record<string, string>> = {
  "response.output_text.delta": "text",
  "response.refusal.delta": "refusal",
  "response.reasoning_text.delta": "reasoning",
  "response.reasoning_summary_text.delta": "summary",
  "response.custom_tool_call_input.delta": "input",
};

/** The `.done` events of the text deltas above, and their full-text
 * field. */
const RESPONSES_TEXT_DONE: Readonly<Record<string, [string, string]>> = {
  "response.output_text.done": ["text", "text"],
  "response.refusal.done": ["refusal", "refusal"],
  "response.reasoning_text.done": ["reasoning", "text"],
  "response.reasoning_summary_text.done": ["summary", "text"],
  "response.custom_tool_call_input.done": ["input", "input"],
};

const RESPONSES_TERMINAL: ReadonlySet<string> = new Set([
  "response.completed",
  "response.incomplete",
  "response.failed",
]);

/** The fields a synthesised Chat Completions chunk copies. */
const CHAT_IDS = ["id", "object", "created", "model", "system_fingerprint"];

const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const num = (v: Json | undefined, fallback: number): number =>
  typeof v === "number" ? v : fallback;

/**
 * @internal The restoring state of one stream: its open channels. Call
 * {@link StreamState.free} when done, whatever happened.
 */
export class StreamState {
  readonly #provider: ProviderOption;
  readonly #vault: Vault;
  readonly #channels = new Map<string, Channel>();
  readonly #walk: Walk;
  #changed = false;
  /** Anthropic content blocks that are client tool calls. */
  readonly #toolBlocks = new Set<string>();

  constructor(provider: ProviderOption, vault: Vault) {
    this.#provider = provider;
    this.#vault = vault;
    this.#walk = new Walk((text) => this.#restore(text));
  }

  /**
   * Restores one event's payload in place. `undefined` when the payload
   * is of no shape this provider streams (send it as it came).
   */
  handle(p: Obj): Handled | undefined {
    this.#changed = false;
    const before: Emit[] = [];
    const type = p["type"];
    if (Array.isArray(p["choices"]) && this.#allows("openai")) {
      this.#chat(p);
    } else if (
      typeof type === "string" &&
      type.startsWith("response.") &&
      this.#allows("openai")
    ) {
      this.#responses(p, type, before);
    } else if (
      typeof type === "string" &&
      ANTHROPIC_EVENTS.has(type) &&
      this.#allows("anthropic")
    ) {
      this.#anthropic(p, type, before);
    } else if (Array.isArray(p["candidates"]) && this.#allows("gemini")) {
      this.#gemini(p);
    } else {
      return undefined;
    }
    return { before, changed: this.#changed };
  }

  /** Ends every open channel: the delta events that carry what was held
   * back. For the end of the stream, or `[DONE]`. */
  finishAll(): Emit[] {
    return this.#closeEmit("");
  }

  /** Frees every restorer. The state is empty after, and usable. */
  free(): void {
    for (const ch of this.#channels.values()) {
      if (ch.kind === "text") ch.restorer.free();
    }
    this.#channels.clear();
    this.#toolBlocks.clear();
  }

  #allows(provider: Provider): boolean {
    return this.#provider === "auto" || this.#provider === provider;
  }

  /** Sets `o[key]`, noting whether the payload changed. */
  #set(o: Obj, key: string, value: Json): void {
    if (o[key] !== value) this.#changed = true;
    o[key] = value;
  }

  #restore(text: string): string {
    const out = this.#vault.restore(text);
    if (out !== text) this.#changed = true;
    return out;
  }

  #restoreJson(text: string): string {
    return mapJsonText(text, (s) => this.#restore(s));
  }

  /** Pushes a delta into a text channel; returns what can go out now. */
  #text(key: string, text: string, synth: (text: string) => Emit): string {
    let ch = this.#channels.get(key);
    if (ch === undefined || ch.kind !== "text") {
      const restorer = call(() => this.#vault.handle.restorer());
      ch = { kind: "text", restorer, carry: new SurrogateCarry(), synth };
      this.#channels.set(key, ch);
    }
    ch.synth = synth;
    const { restorer, carry } = ch;
    return call(() => restorer.push(carry.take(text)));
  }

  /** Holds back a delta of a tool call's arguments. */
  #args(key: string, text: string, synth: (text: string) => Emit): void {
    let ch = this.#channels.get(key);
    if (ch === undefined || ch.kind !== "args") {
      ch = { kind: "args", parts: [], chars: 0, synth };
      this.#channels.set(key, ch);
    }
    ch.synth = synth;
    ch.chars += text.length;
    if (ch.chars > MAX_HELD_CHARS) {
      throw new AirlockError(
        "input_too_large",
        `a streamed tool call's arguments exceed ${MAX_HELD_CHARS} characters`,
      );
    }
    ch.parts.push(text);
  }

  /** Ends a channel: the rest of its text, or the tool call's whole
   * arguments, restored value by value. */
  #close(key: string): string {
    const ch = this.#channels.get(key);
    if (ch === undefined) return "";
    this.#channels.delete(key);
    if (ch.kind === "args") return this.#restoreJson(ch.parts.join(""));
    const { restorer, carry } = ch;
    try {
      return call(() => restorer.push(carry.rest()) + restorer.finish());
    } finally {
      restorer.free();
    }
  }

  /** The open channels whose key starts with `prefix`, in opening
   * order. */
  #open(prefix: string): string[] {
    return [...this.#channels.keys()].filter((k) => k.startsWith(prefix));
  }

  /** Ends the channels under `prefix`, as delta events. */
  #closeEmit(prefix: string): Emit[] {
    const out: Emit[] = [];
    for (const key of this.#open(prefix)) {
      const synth = this.#channels.get(key)!.synth;
      const rest = this.#close(key);
      if (rest !== "") out.push(synth(rest));
    }
    return out;
  }

  // OpenAI Chat Completions: `chat.completion.chunk`s, one channel per
  // choice and field, ended by the choice's `finish_reason`.

  #chat(p: Obj): void {
    const template: Obj = {};
    for (const k of CHAT_IDS) {
      if (p[k] !== undefined) template[k] = p[k]!;
    }
    arr(p["choices"]).forEach((c, position) => {
      if (!isObj(c)) return;
      const index = num(c["index"], position);
      const prefix = `chat|${index}|`;
      const chunk = (delta: Obj): Emit => ({
        data: {
          ...template,
          choices: [{ index, delta, finish_reason: null }],
        },
      });
      const delta = c["delta"];
      if (isObj(delta)) this.#chatDelta(delta, prefix, chunk);
      if (c["finish_reason"] === null || c["finish_reason"] === undefined) {
        return;
      }
      for (const key of this.#open(prefix)) {
        const rest = this.#close(key);
        if (rest === "") continue;
        let d = c["delta"];
        if (!isObj(d)) {
          d = {};
          c["delta"] = d;
        }
        injectChat(d, key.slice(prefix.length), rest);
        this.#changed = true;
      }
    });
  }

  #chatDelta(d: Obj, prefix: string, chunk: (delta: Obj) => Emit): void {
    for (const field of ["content", "refusal"]) {
      const v = d[field];
      if (typeof v !== "string") continue;
      const synth = (t: string) => chunk({ [field]: t });
      this.#set(d, field, this.#text(prefix + field, v, synth));
    }
    arr(d["tool_calls"]).forEach((tc, position) => {
      if (!isObj(tc)) return;
      const index = num(tc["index"], position);
      const f = tc["function"];
      if (!isObj(f) || typeof f["arguments"] !== "string") return;
      this.#args(`${prefix}tool|${index}`, f["arguments"], (t) =>
        chunk({ tool_calls: [{ index, function: { arguments: t } }] }),
      );
      this.#set(f, "arguments", "");
    });
    const fc = d["function_call"];
    if (isObj(fc) && typeof fc["arguments"] === "string") {
      this.#args(`${prefix}function_call`, fc["arguments"], (t) =>
        chunk({ function_call: { arguments: t } }),
      );
      this.#set(fc, "arguments", "");
    }
  }

  // OpenAI Responses: semantic events, one channel per output item and
  // content part, ended by the part's `.done` event (which carries the
  // full text, restored in one go).

  #responses(p: Obj, type: string, before: Emit[]): void {
    const oi = p["output_index"];
    const item = `resp|${String(oi)}|`;
    const kind = RESPONSES_TEXT_DELTAS[type];
    if (kind !== undefined) {
      if (typeof p["delta"] !== "string") return;
      const template = deltaTemplate(p);
      this.#set(
        p,
        "delta",
        this.#text(responsesKey(p, kind), p["delta"], (t) => ({
          event: type,
          data: { ...template, delta: t },
        })),
      );
      return;
    }
    const done = RESPONSES_TEXT_DONE[type];
    if (done !== undefined) {
      const [channel, field] = done;
      before.push(...this.#closeEmit(responsesKey(p, channel)));
      const full = p[field];
      if (typeof full === "string") this.#set(p, field, this.#restore(full));
    } else if (type === "response.function_call_arguments.delta") {
      if (typeof p["delta"] !== "string") return;
      const template = deltaTemplate(p);
      this.#args(item + "args", p["delta"], (t) => ({
        event: type,
        data: { ...template, delta: t },
      }));
      this.#set(p, "delta", "");
    } else if (type === "response.function_call_arguments.done") {
      const ch = this.#channels.get(item + "args");
      const synth = ch?.synth;
      let args = this.#close(item + "args");
      if (typeof p["arguments"] === "string") {
        args = this.#restoreJson(p["arguments"]);
        this.#set(p, "arguments", args);
      }
      if (synth !== undefined && args !== "") before.push(synth(args));
    } else if (
      type === "response.content_part.done" ||
      type === "response.content_part.added"
    ) {
      before.push(...this.#closeEmit(`${item}c${String(p["content_index"])}|`));
      const part = p["part"];
      if (isObj(part)) this.#walk.openAIContent({ content: [part] }, "");
    } else if (
      type === "response.reasoning_summary_part.done" ||
      type === "response.reasoning_summary_part.added"
    ) {
      before.push(...this.#closeEmit(`${item}s${String(p["summary_index"])}|`));
      const part = p["part"];
      if (isObj(part)) this.#walk.text(part, "text", "");
    } else if (
      type === "response.output_item.done" ||
      type === "response.output_item.added"
    ) {
      before.push(...this.#closeEmit(item));
      const it = p["item"];
      if (isObj(it)) this.#walk.openAIItem(it, "");
    } else if (isObj(p["response"])) {
      if (RESPONSES_TERMINAL.has(type)) before.push(...this.finishAll());
      this.#walk.openAIResponse(p["response"], "");
    }
    // Synthesised deltas share the sequence number of the event they
    // precede.
    const seq = p["sequence_number"];
    for (const e of before) {
      if (seq !== undefined && "sequence_number" in e.data) {
        e.data["sequence_number"] = seq;
      }
    }
  }

  // Anthropic Messages: one channel per content block, ended by its
  // `content_block_stop`.

  #anthropic(p: Obj, type: string, before: Emit[]): void {
    const index = p["index"];
    const block = `a|${String(index)}|`;
    const textDelta = (t: string): Emit => ({
      event: "content_block_delta",
      data: {
        type: "content_block_delta",
        index: index ?? 0,
        delta: { type: "text_delta", text: t },
      },
    });
    switch (type) {
      case "message_start": {
        const m = p["message"];
        if (isObj(m)) this.#walk.response("anthropic", m, "");
        break;
      }
      case "content_block_start": {
        const cb = p["content_block"];
        if (!isObj(cb)) break;
        if (cb["type"] === "text" && typeof cb["text"] === "string") {
          const t = this.#text(block + "text", cb["text"], textDelta);
          this.#set(cb, "text", t);
        } else if (cb["type"] === "tool_use") {
          this.#walk.strings(cb, "input", "");
          this.#toolBlocks.add(String(index));
        }
        break;
      }
      case "content_block_delta": {
        const d = p["delta"];
        if (!isObj(d)) break;
        if (d["type"] === "text_delta" && typeof d["text"] === "string") {
          const t = this.#text(block + "text", d["text"], textDelta);
          this.#set(d, "text", t);
        } else if (
          d["type"] === "input_json_delta" &&
          typeof d["partial_json"] === "string" &&
          // Server tools ran on the tokens: their input stays.
          this.#toolBlocks.has(String(index))
        ) {
          this.#args(block + "args", d["partial_json"], (t) => ({
            event: "content_block_delta",
            data: {
              type: "content_block_delta",
              index: index ?? 0,
              delta: { type: "input_json_delta", partial_json: t },
            },
          }));
          this.#set(d, "partial_json", "");
        } else if (d["type"] === "citations_delta" && isObj(d["citation"])) {
          this.#walk.text(d["citation"], "cited_text", "");
        }
        break;
      }
      case "content_block_stop":
        before.push(...this.#closeEmit(block));
        this.#toolBlocks.delete(String(index));
        break;
      case "message_stop":
        before.push(...this.finishAll());
        break;
    }
  }

  // Gemini streamGenerateContent: one channel per candidate (and one for
  // its thoughts), ended by the candidate's `finishReason`.

  #gemini(p: Obj): void {
    const template: Obj = {};
    for (const k of ["modelVersion", "responseId"]) {
      if (p[k] !== undefined) template[k] = p[k]!;
    }
    arr(p["candidates"]).forEach((c, position) => {
      if (!isObj(c)) return;
      const index = num(c["index"], position);
      const prefix = `g|${index}|`;
      const part = (t: string, thought: boolean): Obj =>
        thought ? { text: t, thought: true } : { text: t };
      const last: Record<string, Obj> = {};
      const content = c["content"];
      const parts = isObj(content) ? arr(content["parts"]) : [];
      for (const pt of parts) {
        if (!isObj(pt)) continue;
        for (const key of ["functionCall", "function_call"]) {
          const fc = pt[key];
          if (isObj(fc)) this.#walk.strings(fc, "args", "");
        }
        if (typeof pt["text"] !== "string") continue;
        const thought = pt["thought"] === true;
        const kind = thought ? "thought" : "text";
        last[kind] = pt;
        const synth = (t: string): Emit => {
          const content = { parts: [part(t, thought)], role: "model" };
          return { data: { candidates: [{ content, index }], ...template } };
        };
        this.#set(pt, "text", this.#text(prefix + kind, pt["text"], synth));
      }
      const reason = c["finishReason"];
      if (typeof reason !== "string" || reason === "") return;
      for (const key of this.#open(prefix)) {
        const rest = this.#close(key);
        if (rest === "") continue;
        const kind = key.slice(prefix.length);
        const target = last[kind];
        if (target !== undefined) {
          target["text"] = String(target["text"]) + rest;
        } else {
          let cc = c["content"];
          if (!isObj(cc)) {
            cc = { parts: [], role: "model" };
            c["content"] = cc;
          }
          if (!Array.isArray(cc["parts"])) cc["parts"] = [];
          (cc["parts"] as Json[]).push(part(rest, kind === "thought"));
        }
        this.#changed = true;
      }
    });
  }
}

/** Puts the rest of a Chat Completions channel into a finishing delta. */
function injectChat(d: Obj, what: string, rest: string): void {
  if (what === "content" || what === "refusal") {
    const v = d[what];
    d[what] = (typeof v === "string" ? v : "") + rest;
    return;
  }
  if (what === "function_call") {
    const fc = d["function_call"];
    d["function_call"] = { ...(isObj(fc) ? fc : {}), arguments: rest };
    return;
  }
  const index = Number(what.slice("tool|".length));
  if (!Array.isArray(d["tool_calls"])) d["tool_calls"] = [];
  const calls = d["tool_calls"] as Json[];
  const tc = calls.find((t, i) => isObj(t) && num(t["index"], i) === index);
  if (isObj(tc)) {
    const f = tc["function"];
    tc["function"] = { ...(isObj(f) ? f : {}), arguments: rest };
  } else {
    calls.push({ index, function: { arguments: rest } });
  }
}

/** A Responses API channel key: output item, content part or summary
 * part, and kind. */
function responsesKey(p: Obj, kind: string): string {
  const item = `resp|${String(p["output_index"])}|`;
  if (kind === "summary") {
    return `${item}s${String(p["summary_index"])}|${kind}`;
  }
  if (kind === "input") return `${item}${kind}`;
  return `${item}c${String(p["content_index"])}|${kind}`;
}

/** A delta event like `p`, for synthesised deltas: no obfuscation
 * padding, no log probabilities. */
function deltaTemplate(p: Obj): Obj {
  const t: Obj = { ...p };
  delete t["obfuscation"];
  if (Array.isArray(t["logprobs"])) t["logprobs"] = [];
  return t;
}
