/**
 * Where the text a model reads sits in each provider's request, and the
 * text it writes in each response: OpenAI (Chat Completions, Responses),
 * Anthropic (Messages) and Gemini (generateContent). Model names,
 * parameters, ids, tool names and tool definitions are left alone.
 *
 * The walkers work on copies and on shapes, not on schemas: a field they
 * do not know is left as it is.
 */

import { argumentError } from "./errors.js";

/**
 * A provider whose request, response and stream shapes Airlock knows.
 *
 * @example
 * const provider: Provider = providerForUrl(url) ?? "openai";
 */
export type Provider = "openai" | "anthropic" | "gemini";

/**
 * A {@link Provider}, or `"auto"` to tell it from the body (and URL).
 *
 * @example
 * airlock.redactRequest(body, { provider: "auto", url });
 */
export type ProviderOption = Provider | "auto";

/**
 * @internal Maps one piece of model-visible text. `path` says where it is in the
 * body (`messages[2].content`); for a value inside JSON held in a string
 * (tool-call arguments), `jsonPath` says where inside that JSON
 * (`query.email`, `""` for the root).
 */
export type TextMap = (text: string, path: string, jsonPath?: string) => string;

/** @internal A JSON value. */
export type Json =
  | null
  | boolean
  | number
  | string
  | Json[]
  | { [k: string]: Json };
/** @internal A JSON object. */
export type Obj = { [k: string]: Json };

/** @internal */
export const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

const PROVIDERS: ReadonlySet<string> = new Set([
  "openai",
  "anthropic",
  "gemini",
]);

/** @internal Checks a `provider` option from plain JavaScript. */
export function providerOption(value: unknown): ProviderOption {
  if (value === undefined) return "auto";
  if (value === "auto" || (typeof value === "string" && PROVIDERS.has(value))) {
    return value as ProviderOption;
  }
  throw argumentError(
    'provider must be "openai", "anthropic", "gemini" or "auto"',
  );
}

/**
 * The provider whose API a URL addresses, by its host (and, on Google
 * Cloud, its path): OpenAI (`api.openai.com`, Azure OpenAI), Anthropic
 * (`api.anthropic.com`, Claude on Vertex AI), Gemini (the Gemini API,
 * Vertex AI). `undefined` for any other URL, including OpenAI-compatible
 * APIs of other vendors: pass `provider` explicitly for those.
 *
 * @throws {TypeError} when `url` is not an absolute URL.
 * @example
 * providerForUrl("https://api.anthropic.com/v1/messages"); // "anthropic"
 * providerForUrl("https://example.com/v1/chat/completions"); // undefined
 */
export function providerForUrl(url: string | URL): Provider | undefined {
  let u: URL;
  try {
    u = new URL(url instanceof URL ? url.href : url);
  } catch {
    throw argumentError("url must be an absolute URL");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
  const host = u.hostname.toLowerCase();
  const under = (domain: string) =>
    host === domain || host.endsWith("." + domain);
  if (host === "api.openai.com" || under("openai.azure.com")) return "openai";
  if (host === "api.anthropic.com") return "anthropic";
  if (host === "generativelanguage.googleapis.com") return "gemini";
  // Vertex AI serves several publishers' models on one host.
  if (
    host === "aiplatform.googleapis.com" ||
    host.endsWith("-aiplatform.googleapis.com")
  ) {
    const path = u.pathname;
    if (path.includes("/publishers/anthropic/")) return "anthropic";
    if (path.includes("/publishers/google/")) return "gemini";
  }
  return undefined;
}

/**
 * Tells the provider from a request body's shape, or from `url` when that
 * names a known endpoint. `undefined` when nothing fits.
 *
 * @example
 * detectProvider({ contents: [{ parts: [{ text: "hi" }] }] }); // "gemini"
 * detectProvider({ model: "gpt-4o", input: "hi" });            // "openai"
 */
export function detectProvider(
  body: unknown,
  url?: string | URL,
): Provider | undefined {
  if (url !== undefined) {
    const byUrl = providerForUrl(url);
    if (byUrl !== undefined) return byUrl;
  }
  if (!isObj(body)) return undefined;
  if (Array.isArray(body["contents"])) return "gemini";
  if (body["input"] !== undefined || typeof body["instructions"] === "string") {
    return "openai";
  }
  if (!Array.isArray(body["messages"])) return undefined;
  if (body["system"] !== undefined || body["anthropic_version"] !== undefined) {
    return "anthropic";
  }
  const model = body["model"];
  if (typeof model === "string" && /^claude/i.test(model)) return "anthropic";
  return body["messages"].some(anthropicOnly) ? "anthropic" : "openai";
}

/** Content that only Anthropic's Messages API has. */
function anthropicOnly(m: Json): boolean {
  if (!isObj(m)) return false;
  return arr(m["content"]).some(
    (p) =>
      isObj(p) &&
      (p["type"] === "tool_use" ||
        p["type"] === "tool_result" ||
        p["type"] === "document" ||
        (p["type"] === "image" && p["source"] !== undefined)),
  );
}

/**
 * Tells the provider from a (non-streamed) response body's shape.
 * `undefined` when nothing fits, e.g. for an error body.
 *
 * @example
 * detectResponseProvider({ type: "message", content: [] }); // "anthropic"
 */
export function detectResponseProvider(body: unknown): Provider | undefined {
  if (Array.isArray(body)) {
    return body.length > 0 && body.every((c) => isObj(c) && !("choices" in c))
      ? detectResponseProvider(body[0])
      : undefined;
  }
  if (!isObj(body)) return undefined;
  if (Array.isArray(body["candidates"])) return "gemini";
  if (Array.isArray(body["choices"])) return "openai";
  if (body["object"] === "response" || Array.isArray(body["output"])) {
    return "openai";
  }
  if (body["type"] === "message" && Array.isArray(body["content"])) {
    return "anthropic";
  }
  return undefined;
}

/**
 * @internal Applies `map` to every model-visible text of a request body,
 * returning a new body; the input is not modified.
 */
export function mapRequest(provider: Provider, body: Obj, map: TextMap): Obj {
  const copy = structuredClone(body);
  const w = new Walk(map);
  switch (provider) {
    case "openai":
      w.openAIRequest(copy);
      break;
    case "anthropic":
      w.anthropicRequest(copy);
      break;
    case "gemini":
      w.geminiRequest(copy);
      break;
  }
  return copy;
}

/**
 * @internal Applies `map` to every model-written text of a non-streamed
 * response body (one object), returning a new body.
 */
export function mapResponse(provider: Provider, body: Obj, map: TextMap): Obj {
  const copy = structuredClone(body);
  new Walk(map).response(provider, copy, "");
  return copy;
}

/**
 * @internal Maps, in place, the model-written texts of one response
 * object at `path` (a Responses API output item, an Anthropic message, a
 * Gemini candidate list, ...).
 */
export class Walk {
  constructor(readonly map: TextMap) {}

  response(provider: Provider, body: Obj, path: string): void {
    switch (provider) {
      case "openai":
        this.openAIResponse(body, path);
        break;
      case "anthropic":
        this.anthropicBlocks(body["content"], at(path, "content"));
        break;
      case "gemini":
        this.geminiResponse(body, path);
        break;
    }
  }

  /** A string field: mapped as text. */
  text(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (typeof v === "string") o[key] = this.map(v, at(path, key));
  }

  /** A string field holding JSON (tool-call arguments): its string
   * values are mapped; text that is not JSON is mapped as text. */
  jsonText(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (typeof v !== "string") return;
    const p = at(path, key);
    o[key] = mapJsonText(v, (s, jsonPath) => this.map(s, p, jsonPath));
  }

  /** A JSON-valued field (Anthropic tool input, Gemini args): its string
   * values are mapped, keys and structure kept. */
  strings(o: Obj, key: string, path: string): void {
    const v = o[key];
    if (v !== undefined) o[key] = this.mapStrings(v, at(path, key));
  }

  mapStrings(value: Json, path: string): Json {
    if (typeof value === "string") return this.map(value, path);
    if (Array.isArray(value)) {
      return value.map((v, i) => this.mapStrings(v, at(path, i)));
    }
    if (isObj(value)) {
      const out: Obj = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = this.mapStrings(v, at(path, k));
      }
      return out;
    }
    return value;
  }

  // OpenAI: Chat Completions and Responses share one walker; their
  // fields do not collide.

  openAIRequest(body: Obj): void {
    arr(body["messages"]).forEach((m, i) => {
      if (isObj(m)) this.openAIMessage(m, at("messages", i));
    });
    const prediction = body["prediction"];
    if (isObj(prediction)) this.openAIContent(prediction, "prediction");
    this.text(body, "instructions", "");
    if (typeof body["input"] === "string") this.text(body, "input", "");
    arr(body["input"]).forEach((item, i) => {
      if (isObj(item)) this.openAIItem(item, at("input", i));
    });
    const prompt = body["prompt"];
    if (isObj(prompt) && isObj(prompt["variables"])) {
      const vars = prompt["variables"];
      const path = "prompt.variables";
      for (const k of Object.keys(vars)) {
        const v = vars[k];
        if (typeof v === "string") this.text(vars, k, path);
        else if (isObj(v)) this.text(v, "text", at(path, k));
      }
    }
  }

  /** A Chat Completions message, in a request or a response. */
  openAIMessage(m: Obj, path: string): void {
    this.openAIContent(m, path);
    this.text(m, "refusal", path);
    arr(m["tool_calls"]).forEach((call, i) => {
      if (!isObj(call)) return;
      const p = at(at(path, "tool_calls"), i);
      const f = call["function"];
      if (isObj(f)) this.jsonText(f, "arguments", at(p, "function"));
      const custom = call["custom"];
      if (isObj(custom)) this.text(custom, "input", at(p, "custom"));
    });
    const fc = m["function_call"];
    if (isObj(fc)) this.jsonText(fc, "arguments", at(path, "function_call"));
    const audio = m["audio"];
    if (isObj(audio)) this.text(audio, "transcript", at(path, "audio"));
  }

  /** `content`: a string, or parts whose `text` and `refusal` are text. */
  openAIContent(o: Obj, path: string, key = "content"): void {
    if (typeof o[key] === "string") {
      this.text(o, key, path);
      return;
    }
    arr(o[key]).forEach((part, i) => {
      if (!isObj(part)) return;
      const p = at(at(path, key), i);
      this.text(part, "text", p);
      this.text(part, "refusal", p);
    });
  }

  /** A Responses API item, in `input` or `output`. */
  openAIItem(item: Obj, path: string): void {
    this.openAIContent(item, path);
    this.openAIContent(item, path, "output");
    this.openAIContent(item, path, "summary");
    this.jsonText(item, "arguments", path);
    if (item["type"] === "custom_tool_call") this.text(item, "input", path);
  }

  openAIResponse(body: Obj, path: string): void {
    arr(body["choices"]).forEach((choice, i) => {
      if (!isObj(choice)) return;
      const p = at(at(path, "choices"), i);
      for (const key of ["message", "delta"]) {
        const m = choice[key];
        if (isObj(m)) this.openAIMessage(m, at(p, key));
      }
    });
    this.text(body, "output_text", path);
    arr(body["output"]).forEach((item, i) => {
      if (isObj(item)) this.openAIItem(item, at(at(path, "output"), i));
    });
  }

  // Anthropic Messages.

  anthropicRequest(body: Obj): void {
    if (typeof body["system"] === "string") this.text(body, "system", "");
    else this.anthropicBlocks(body["system"], "system");
    arr(body["messages"]).forEach((m, i) => {
      if (!isObj(m)) return;
      const p = at("messages", i);
      if (typeof m["content"] === "string") this.text(m, "content", p);
      else this.anthropicBlocks(m["content"], at(p, "content"));
    });
  }

  /** Content blocks. Thinking blocks are signed, so they stay as they
   * are; so do server tool blocks. */
  anthropicBlocks(content: Json | undefined, path: string): void {
    arr(content).forEach((block, i) => {
      if (isObj(block)) this.anthropicBlock(block, at(path, i));
    });
  }

  anthropicBlock(block: Obj, path: string): void {
    switch (block["type"]) {
      case "text":
        this.text(block, "text", path);
        arr(block["citations"]).forEach((c, i) => {
          const p = at(at(path, "citations"), i);
          if (isObj(c)) this.text(c, "cited_text", p);
        });
        break;
      case "tool_use":
        this.strings(block, "input", path);
        break;
      case "tool_result":
      case "search_result":
        if (typeof block["content"] === "string") {
          this.text(block, "content", path);
        } else {
          this.anthropicBlocks(block["content"], at(path, "content"));
        }
        this.text(block, "title", path);
        break;
      case "document": {
        this.text(block, "title", path);
        this.text(block, "context", path);
        const source = block["source"];
        if (!isObj(source)) break;
        const p = at(path, "source");
        if (source["type"] === "text") this.text(source, "data", p);
        if (source["type"] === "content") {
          if (typeof source["content"] === "string") {
            this.text(source, "content", p);
          } else {
            this.anthropicBlocks(source["content"], at(p, "content"));
          }
        }
        break;
      }
    }
  }

  // Gemini generateContent.

  geminiRequest(body: Obj): void {
    for (const key of ["systemInstruction", "system_instruction"]) {
      const system = body[key];
      if (isObj(system)) this.geminiParts(system, key);
    }
    arr(body["contents"]).forEach((c, i) => {
      if (isObj(c)) this.geminiParts(c, at("contents", i));
    });
  }

  geminiResponse(body: Obj, path: string): void {
    arr(body["candidates"]).forEach((c, i) => {
      if (!isObj(c)) return;
      const content = c["content"];
      const p = at(at(path, "candidates"), i);
      if (isObj(content)) this.geminiParts(content, at(p, "content"));
    });
  }

  /** A `Content`: text parts, function calls and their responses. */
  geminiParts(content: Obj, path: string): void {
    arr(content["parts"]).forEach((part, i) => {
      if (isObj(part)) this.geminiPart(part, at(at(path, "parts"), i));
    });
  }

  geminiPart(part: Obj, path: string): void {
    this.text(part, "text", path);
    for (const key of ["functionCall", "function_call"]) {
      const call = part[key];
      if (isObj(call)) this.strings(call, "args", at(path, key));
    }
    for (const key of ["functionResponse", "function_response"]) {
      const resp = part[key];
      if (isObj(resp)) this.strings(resp, "response", at(path, key));
    }
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** @internal `path` extended by a key or an index: `a.b`, `a[0]`,
 * `a["x-y"]`. */
export function at(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === "" ? key : `${path}.${key}`;
}

/**
 * @internal Maps the string values inside a JSON text, rewriting only
 * those string literals that change: keys, numbers (even beyond double
 * precision) and formatting stay byte for byte. Text that is not JSON is
 * mapped whole as text, so nothing escapes unmapped.
 */
export function mapJsonText(
  text: string,
  map: (s: string, jsonPath?: string) => string,
): string {
  try {
    JSON.parse(text);
  } catch {
    return map(text);
  }
  return new JsonRewriter(text, map).run();
}

/** Walks a text known to be valid JSON. */
class JsonRewriter {
  #at = 0;
  #copied = 0;
  #out: string[] = [];

  constructor(
    readonly text: string,
    readonly map: (s: string, jsonPath: string) => string,
  ) {}

  run(): string {
    this.#value("");
    this.#out.push(this.text.slice(this.#copied));
    return this.#out.join("");
  }

  #value(path: string): void {
    this.#space();
    const t = this.text;
    switch (t[this.#at]) {
      case '"': {
        const start = this.#at;
        const literal = this.#string();
        const value = JSON.parse(literal) as string;
        const mapped = this.map(value, path);
        if (mapped !== value) {
          this.#out.push(t.slice(this.#copied, start), JSON.stringify(mapped));
          this.#copied = this.#at;
        }
        return;
      }
      case "{":
        this.#at++;
        this.#space();
        if (t[this.#at] === "}") {
          this.#at++;
          return;
        }
        for (;;) {
          this.#space();
          const key = JSON.parse(this.#string()) as string;
          this.#space();
          this.#at++; // ':'
          this.#value(at(path, key));
          this.#space();
          if (t[this.#at++] === "}") return; // else ','
        }
      case "[":
        this.#at++;
        this.#space();
        if (t[this.#at] === "]") {
          this.#at++;
          return;
        }
        for (let i = 0; ; i++) {
          this.#value(at(path, i));
          this.#space();
          if (t[this.#at++] === "]") return; // else ','
        }
      default:
        // A number, true, false or null.
        while (this.#at < t.length && !',]} \t\n\r'.includes(t[this.#at]!)) {
          this.#at++;
        }
    }
  }

  /** Skips a string literal; returns it, quotes included. */
  #string(): string {
    const t = this.text;
    const start = this.#at++;
    while (t[this.#at] !== '"') this.#at += t[this.#at] === "\\" ? 2 : 1;
    this.#at++;
    return t.slice(start, this.#at);
  }

  #space(): void {
    const t = this.text;
    while (" \t\n\r".includes(t[this.#at] ?? "x")) this.#at++;
  }
}
