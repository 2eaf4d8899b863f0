// Runs the provider fixtures (tests/data/providers) against a
// createAirlock function: redact each request, restore each response,
// restore each stream cut at random. Shared by the Node and the browser
// runners, so it uses no Node APIs.
import { concatBytes, cut, pipe, seeded } from "./streams.mjs";

/**
 * @param {(options?: object) => Promise<any>} createAirlock
 * @param {{ policy: object, cases: any[], files: Record<string, string> }} suite
 * @returns {Promise<{ count: number, failures: string[] }>}
 */
export async function runProviderCases(createAirlock, suite) {
  const failures = [];
  for (const c of suite.cases) {
    const airlock = await createAirlock({ policy: suite.policy });
    const fail = (why) => failures.push(`${c.name}: ${why}`);
    try {
      checkRequest(airlock, c, suite.files, fail);
      checkResponse(airlock, c, suite.files, fail);
      await checkStream(airlock, c, suite.files, fail);
    } catch (e) {
      fail(`threw ${e?.name}: ${e?.message}`);
    } finally {
      airlock.dispose();
    }
  }
  return { count: suite.cases.length, failures };
}

function checkRequest(airlock, c, files, fail) {
  const text = files[c.request];
  const request = JSON.parse(text);
  const { body, findings, provider } = airlock.redactRequest(request, {
    provider: "auto",
    url: c.url,
  });
  if (provider !== c.provider) fail(`provider ${provider}, want ${c.provider}`);
  if (!same(request, JSON.parse(text))) fail("the request was modified");
  const sent = JSON.stringify(body);
  for (const o of c.originals) {
    if (sent.includes(o)) fail(`redacted request still holds ${o}`);
  }
  for (const path of c.untouched) {
    if (!same(get(body, path), get(request, path))) {
      fail(`${path} changed: ${JSON.stringify(get(body, path))}`);
    }
  }
  const paths = new Set(findings.map((f) => f.path));
  for (const path of c.redacted) {
    if (!paths.has(path)) fail(`no finding at ${path}: ${[...paths].join(", ")}`);
  }
  for (const f of findings) {
    if (get(request, f.path) === undefined) fail(`finding path ${f.path} is not in the body`);
  }
  // The same body by shape alone, by explicit provider, and as JSON text.
  const byShape = airlock.redactRequest(request);
  if (byShape.provider !== c.provider) fail(`shape says ${byShape.provider}`);
  const explicit = airlock.redactRequest(request, { provider: c.provider });
  if (!same(explicit.body, body)) fail("explicit provider redacts differently");
  const asText = airlock.redactRequest(text, { provider: c.provider });
  if (typeof asText.body !== "string" || asText.body !== sent) {
    fail("a JSON-text body does not give the same JSON text");
  }
}

function checkResponse(airlock, c, files, fail) {
  const response = JSON.parse(files[c.response]);
  for (const provider of [c.provider, "auto"]) {
    const restored = airlock.restoreResponse(response, { provider });
    for (const [path, want] of Object.entries(c.restoredResponse)) {
      let got = get(restored, path);
      let expected = want;
      if (want !== null && typeof want === "object" && "json" in want) {
        try {
          got = JSON.parse(got);
        } catch {
          fail(`response ${path} is not JSON: ${got}`);
          continue;
        }
        expected = want.json;
      }
      if (!same(got, expected)) {
        fail(`response (${provider}) ${path}: ${JSON.stringify(got)}, want ${JSON.stringify(expected)}`);
      }
    }
  }
}

async function checkStream(airlock, c, files, fail) {
  const source = files[c.stream];
  const want = c.restoredStream;
  const bytes = new TextEncoder().encode(source);
  const rand = seeded(c.name.length);

  // The fixture must split tokens between events, or it tests little:
  // restoring each event's text alone must not give the whole text.
  const raw = collect(c.api, parseSSE(source));
  const naive = raw.pieces.map((p) => airlock.restore(p)).join("");
  if (naive === want.text) fail("the stream fixture splits no token");

  let first;
  const cuts = [[bytes], cut(rand, bytes, 1), cut(rand, bytes, 7), cut(rand, bytes, 200)];
  for (const [i, chunks] of cuts.entries()) {
    const out = await pipe(airlock.restoreSSE({ provider: c.provider }), chunks);
    const text = new TextDecoder().decode(concatBytes(out));
    if (first === undefined) first = text;
    else if (text !== first) fail(`cut set ${i} gives other bytes`);
  }
  checkCollected(c, first, "LF", fail);

  // The same stream with other line ends, and through "auto".
  for (const [name, eol] of [["CRLF", "\r\n"], ["CR", "\r"]]) {
    const other = source.replace(/\r\n|\r|\n/g, eol);
    const chunks = cut(rand, new TextEncoder().encode(other), 5);
    const out = await pipe(airlock.restoreSSE(), chunks);
    const text = new TextDecoder().decode(concatBytes(out));
    checkCollected(c, text, name, fail);
    if (text.replace(/\r\n|\r|\n/g, "\n") !== first.replace(/\r\n|\r|\n/g, "\n")) {
      fail(`${name}: differs from LF beyond line ends`);
    }
  }
}

function checkCollected(c, text, label, fail) {
  const events = parseSSE(text);
  const got = collect(c.api, events);
  const want = c.restoredStream;
  if (got.text !== want.text) {
    fail(`stream (${label}) text:\n  got  ${JSON.stringify(got.text)}\n  want ${JSON.stringify(want.text)}`);
  }
  const args = got.arguments.map((a) => {
    try {
      return typeof a === "string" ? JSON.parse(a) : a;
    } catch {
      return `not JSON: ${a}`;
    }
  });
  if (!same(args, want.arguments)) {
    fail(`stream (${label}) arguments: ${JSON.stringify(args)}`);
  }
  for (const [what, value] of got.also) {
    const expected = what.endsWith("arguments") ? want.arguments[0] : want.text;
    const v = what.endsWith("arguments") && typeof value === "string" ? safeParse(value) : value;
    if (!same(v, expected)) fail(`stream (${label}) ${what}: ${JSON.stringify(value)}`);
  }
  for (const e of events) {
    if (e.event !== undefined && e.data !== undefined && e.data.startsWith("{")) {
      const type = JSON.parse(e.data).type;
      if (type !== e.event) fail(`stream (${label}) event ${e.event} carries ${type}`);
    }
  }
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return `not JSON: ${text}`;
  }
}

/** The events of an event stream: { event, data, id }. */
export function parseSSE(text) {
  const events = [];
  let e = {};
  let data = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === "") {
      if (data.length > 0 || e.event !== undefined) {
        events.push({ ...e, data: data.length > 0 ? data.join("\n") : undefined });
      }
      e = {};
      data = [];
      continue;
    }
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") e.event = value;
    else if (field === "id") e.id = value;
  }
  return events;
}

/**
 * Reassembles what a client would: the text of the first channel, the
 * arguments of each tool call, the text deltas one by one (`pieces`), and
 * full texts carried by closing events (`also`: [what, value]).
 */
export function collect(api, events) {
  let text = "";
  const pieces = [];
  const args = new Map();
  const also = [];
  const addArgs = (key, s) => args.set(key, (args.get(key) ?? "") + s);
  for (const e of events) {
    if (e.data === undefined || e.data === "[DONE]") continue;
    const p = JSON.parse(e.data);
    if (api === "chat") {
      for (const c of p.choices ?? []) {
        const d = c.delta ?? {};
        if (typeof d.content === "string") {
          text += d.content;
          pieces.push(d.content);
        }
        for (const tc of d.tool_calls ?? []) {
          if (tc.function?.arguments !== undefined) addArgs(tc.index, tc.function.arguments);
        }
      }
    } else if (api === "responses") {
      if (p.type === "response.output_text.delta") {
        text += p.delta;
        pieces.push(p.delta);
      }
      if (p.type === "response.function_call_arguments.delta") addArgs(p.output_index, p.delta);
      if (p.type === "response.output_text.done") also.push(["output_text.done text", p.text]);
      if (p.type === "response.content_part.done") also.push(["content_part.done text", p.part.text]);
      if (p.type === "response.function_call_arguments.done") {
        also.push(["function_call_arguments.done arguments", p.arguments]);
      }
      if (p.type === "response.output_item.done" && p.item.type === "message") {
        also.push(["output_item.done text", p.item.content[0].text]);
      }
      if (p.type === "response.output_item.done" && p.item.type === "function_call") {
        also.push(["output_item.done arguments", p.item.arguments]);
      }
      if (p.type === "response.completed") {
        also.push(["completed text", p.response.output[0].content[0].text]);
        also.push(["completed arguments", p.response.output[1].arguments]);
      }
    } else if (api === "messages") {
      if (p.type === "content_block_delta" && p.delta.type === "text_delta") {
        text += p.delta.text;
        pieces.push(p.delta.text);
      }
      if (p.type === "content_block_delta" && p.delta.type === "input_json_delta") {
        addArgs(p.index, p.delta.partial_json);
      }
    } else if (api === "generateContent") {
      for (const c of p.candidates ?? []) {
        for (const part of c.content?.parts ?? []) {
          if (typeof part.text === "string" && !part.thought) {
            text += part.text;
            pieces.push(part.text);
          }
          if (part.functionCall) args.set(args.size, part.functionCall.args);
        }
      }
    }
  }
  return { text, pieces, arguments: [...args.values()], also };
}

/** The value at `path` (`a.b[0]["c-d"]`) in `value`. */
export function get(value, path) {
  const re = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\./g;
  let v = value;
  for (const m of path.matchAll(re)) {
    if (m[0] === ".") continue;
    if (v === undefined || v === null) return undefined;
    const key = m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`));
    v = v[key];
  }
  return v;
}

/** Deep equality of JSON values. */
export function same(a, b) {
  return canonical(a) === canonical(b);
}

function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}
