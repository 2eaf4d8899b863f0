/**
 * Where the text a model reads sits in each provider's request, and the
 * text it writes in each response: OpenAI (Chat Completions, Responses),
 * Anthropic (Messages) and Gemini (generateContent). Model names,
 * parameters, ids and tool names are left alone.
 */

/** A provider whose request and response shapes Airlock knows. */
export type Provider = "openai" | "anthropic" | "gemini";

/** Maps one piece of model-visible text. */
export type TextMap = (text: string) => string;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Guesses the provider from a request body's shape, or from the URL when
 * given. `undefined` when nothing fits.
 */
export function detectProvider(
  body: unknown,
  url?: string | URL,
): Provider | undefined {
  if (url !== undefined) {
    const u = new URL(String(url));
    const host = u.hostname;
    if (host.endsWith("anthropic.com")) return "anthropic";
    if (host.endsWith("googleapis.com") && /:(stream)?generateContent$/i.test(u.pathname)) {
      return "gemini";
    }
    if (host.endsWith("openai.com") || host.endsWith("openai.azure.com")) {
      return "openai";
    }
  }
  if (!isObj(body)) return undefined;
  if (Array.isArray(body["contents"])) return "gemini";
  if (body["system"] !== undefined || typeof body["max_tokens"] === "number" && Array.isArray(body["messages"]) && anthropicLike(body["messages"])) {
    return "anthropic";
  }
  if (Array.isArray(body["messages"]) || body["input"] !== undefined) {
    return "openai";
  }
  return undefined;
}

function anthropicLike(messages: Json[]): boolean {
  return messages.some(
    (m) =>
      isObj(m) &&
      Array.isArray(m["content"]) &&
      m["content"].some((p) => isObj(p) && (p["type"] === "tool_use" || p["type"] === "tool_result")),
  );
}

/**
 * Applies `map` to every model-visible text of a request body, returning a
 * new body; the input is not modified.
 */
export function mapRequest(provider: Provider, body: unknown, map: TextMap): unknown {
  const copy = structuredClone(body) as Json;
  if (!isObj(copy)) return copy;
  switch (provider) {
    case "openai":
      mapOpenAIRequest(copy, map);
      break;
    case "anthropic":
      mapAnthropicRequest(copy, map);
      break;
    case "gemini":
      mapGeminiRequest(copy, map);
      break;
  }
  return copy;
}

/**
 * Applies `map` to every model-written text of a (non-streamed) response
 * body, returning a new body.
 */
export function mapResponse(provider: Provider, body: unknown, map: TextMap): unknown {
  const copy = structuredClone(body) as Json;
  if (!isObj(copy)) return copy;
  switch (provider) {
    case "openai":
      mapOpenAIResponse(copy, map);
      break;
    case "anthropic":
      mapAnthropicContent(copy["content"], map);
      break;
    case "gemini":
      for (const c of arr(copy["candidates"])) {
        if (isObj(c) && isObj(c["content"])) mapGeminiParts(c["content"]["parts"], map);
      }
      break;
  }
  return copy;
}

/** Maps the string values of a JSON value, keys and structure untouched. */
export function mapJsonStrings(value: Json, map: TextMap): Json {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => mapJsonStrings(v, map));
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapJsonStrings(v, map);
    return out;
  }
  return value;
}

/** Maps tool-call arguments: JSON inside a string. Text that is not JSON
 * is mapped as text, so nothing escapes unmapped. */
function mapJsonText(text: string, map: TextMap): string {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch {
    return map(text);
  }
  return JSON.stringify(mapJsonStrings(parsed, map));
}

const arr = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

function mapField(o: Obj, key: string, map: TextMap): void {
  if (typeof o[key] === "string") o[key] = map(o[key]);
}

function mapOpenAIRequest(body: Obj, map: TextMap): void {
  // Chat Completions.
  for (const m of arr(body["messages"])) {
    if (!isObj(m)) continue;
    mapOpenAIContent(m, map);
    for (const call of arr(m["tool_calls"])) {
      if (isObj(call) && isObj(call["function"])) {
        const f = call["function"];
        if (typeof f["arguments"] === "string") f["arguments"] = mapJsonText(f["arguments"], map);
      }
    }
  }
  // Responses.
  mapField(body, "instructions", map);
  if (typeof body["input"] === "string") body["input"] = map(body["input"]);
  for (const item of arr(body["input"])) {
    if (isObj(item)) mapOpenAIItem(item, map);
  }
}

function mapOpenAIContent(m: Obj, map: TextMap): void {
  if (typeof m["content"] === "string") {
    m["content"] = map(m["content"]);
    return;
  }
  for (const part of arr(m["content"])) {
    if (!isObj(part)) continue;
    mapField(part, "text", map);
    mapField(part, "refusal", map);
  }
}

function mapOpenAIItem(item: Obj, map: TextMap): void {
  mapOpenAIContent(item, map);
  if (typeof item["arguments"] === "string") item["arguments"] = mapJsonText(item["arguments"], map);
  if (typeof item["output"] === "string") item["output"] = map(item["output"]);
}

function mapOpenAIResponse(body: Obj, map: TextMap): void {
  for (const choice of arr(body["choices"])) {
    if (!isObj(choice)) continue;
    for (const key of ["message", "delta"]) {
      const m = choice[key];
      if (!isObj(m)) continue;
      mapOpenAIContent(m, map);
      for (const call of arr(m["tool_calls"])) {
        if (isObj(call) && isObj(call["function"])) {
          const f = call["function"];
          if (typeof f["arguments"] === "string") f["arguments"] = mapJsonText(f["arguments"], map);
        }
      }
    }
  }
  mapField(body, "output_text", map);
  for (const item of arr(body["output"])) {
    if (isObj(item)) mapOpenAIItem(item, map);
  }
}

function mapAnthropicRequest(body: Obj, map: TextMap): void {
  if (typeof body["system"] === "string") body["system"] = map(body["system"]);
  else mapAnthropicContent(body["system"], map);
  for (const m of arr(body["messages"])) {
    if (!isObj(m)) continue;
    if (typeof m["content"] === "string") m["content"] = map(m["content"]);
    else mapAnthropicContent(m["content"], map);
  }
}

function mapAnthropicContent(content: Json | undefined, map: TextMap): void {
  for (const block of arr(content)) {
    if (!isObj(block)) continue;
    mapField(block, "text", map);
    if (block["type"] === "tool_use" && block["input"] !== undefined) {
      block["input"] = mapJsonStrings(block["input"], map);
    }
    if (block["type"] === "tool_result") {
      if (typeof block["content"] === "string") block["content"] = map(block["content"]);
      else mapAnthropicContent(block["content"], map);
    }
  }
}

function mapGeminiRequest(body: Obj, map: TextMap): void {
  for (const c of arr(body["contents"])) {
    if (isObj(c)) mapGeminiParts(c["parts"], map);
  }
  const system = body["systemInstruction"] ?? body["system_instruction"];
  if (isObj(system)) mapGeminiParts(system["parts"], map);
}

function mapGeminiParts(parts: Json | undefined, map: TextMap): void {
  for (const p of arr(parts)) {
    if (!isObj(p)) continue;
    mapField(p, "text", map);
    for (const key of ["functionCall", "function_call"]) {
      const call = p[key];
      if (isObj(call) && call["args"] !== undefined) call["args"] = mapJsonStrings(call["args"], map);
    }
    for (const key of ["functionResponse", "function_response"]) {
      const resp = p[key];
      if (isObj(resp) && resp["response"] !== undefined) {
        resp["response"] = mapJsonStrings(resp["response"], map);
      }
    }
  }
}
