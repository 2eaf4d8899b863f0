// airlock.restoreSSE: event-stream framing and each provider's events,
// run against the built dist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAirlock, pipeResponse } from "../dist/node.js";
import {
  concatBytes,
  countingVault,
  cut,
  pipe,
  seeded,
} from "../../tests/lib/streams.mjs";
import { collect, parseSSE } from "../../tests/lib/provider-cases.mjs";

const policy = {
  version: 1,
  defaultAction: "tokenize",
  custom: [{ id: "pass", pattern: "PASS:[^ ]+", action: "tokenize" }],
};
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

async function setup() {
  const airlock = await createAirlock({ policy });
  const { text } = airlock.redact(
    'mail zoe@example.org, ops@corp.example; pw PASS:a"b\\c',
  );
  assert.equal(text, "mail [EMAIL_1], [EMAIL_2]; pw [PASS_1]");
  return airlock;
}

/** Runs `text` through restoreSSE cut into pieces of at most `max`
 * bytes; returns the text out. */
async function run(airlock, text, options = {}, max = 3, seed = 1) {
  const chunks = cut(seeded(seed), encoder.encode(text), max);
  const out = await pipe(airlock.restoreSSE(options), chunks);
  return decoder.decode(concatBytes(out));
}

const data = (obj) => `data: ${JSON.stringify(obj)}\n\n`;
const named = (obj) => `event: ${obj.type}\ndata: ${JSON.stringify(obj)}\n\n`;

const chat = (choices) => ({
  id: "chatcmpl-1",
  object: "chat.completion.chunk",
  created: 1,
  model: "gpt-4o",
  choices,
});

test("events with nothing to restore pass byte for byte", async () => {
  const airlock = await setup();
  const text =
    "\uFEFF: a comment\r\n" +
    "retry: 3000\r\n\r\n" +
    "id: 7\nevent: custom\ndata: not json [EMAIL_1\n\n" +
    'data: {"choices":[{"index":0,\ndata:  "delta":{"content":"plain"}}]}\n\n' +
    "data:{\"unknown\":\"shape [EMAIL_1]\"}\r" +
    "\r" +
    "event: ping\n\n\n\n" +
    'data: {"type":"ping"}\n\n';
  for (const max of [1, 2, 1000]) {
    assert.equal(await run(airlock, text, {}, max), text);
  }
});

test("a restored event keeps its other fields and comments in place", async () => {
  const airlock = await setup();
  const text =
    ": before\r\nid: 41\r\nevent: message\r\n" +
    'data: {"choices":[{"index":0,\r\ndata: "delta":{"content":"[EMAIL_1] ok"}}]}\r\n' +
    ": after\r\nretry: 10\r\n\r\n";
  const out = await run(airlock, text, { provider: "openai" });
  assert.equal(
    out,
    ": before\r\nid: 41\r\nevent: message\r\n" +
      'data: {"choices":[{"index":0,"delta":{"content":"zoe@example.org ok"}}]}\r\n' +
      ": after\r\nretry: 10\r\n\r\n",
  );
});

test("chat: choices restore apart; finish_reason flushes into its chunk", async () => {
  const airlock = await setup();
  const text =
    data(chat([{ index: 0, delta: { role: "assistant", content: "A: [EMA" }, finish_reason: null }])) +
    data(chat([{ index: 1, delta: { role: "assistant", content: "B: [EMAIL_" }, finish_reason: null }])) +
    data(chat([{ index: 0, delta: { content: "IL_2] \ud83d" }, finish_reason: null }])) +
    data(chat([{ index: 1, delta: { content: "1" }, finish_reason: null }])) +
    data(chat([{ index: 0, delta: { content: "\ude00 [EMAIL_1" }, finish_reason: null }])) +
    data(chat([{ index: 0, delta: {}, finish_reason: "stop" }])) +
    data(chat([{ index: 1, delta: { content: "]" }, finish_reason: "length" }])) +
    "data: [DONE]\n\n";
  const out = parseSSE(await run(airlock, text));
  const texts = ["", ""];
  for (const e of out.slice(0, -1)) {
    for (const c of JSON.parse(e.data).choices) texts[c.index] += c.delta.content ?? "";
  }
  assert.deepEqual(texts, [
    airlock.restore("A: [EMAIL_2] 😀 [EMAIL_1"),
    "B: zoe@example.org",
  ]);
  // The rest of choice 0 (held: it might have become a longer token)
  // rode in its finishing chunk.
  const fin = JSON.parse(out[5].data).choices[0];
  assert.equal(fin.finish_reason, "stop");
  assert.ok(fin.delta.content.length > 0);
  assert.ok(texts[0].endsWith(fin.delta.content));
  assert.equal(out.length, 8);
  assert.equal(out[7].data, "[DONE]");
});

test("chat: [DONE] or the stream's end flushes open channels", async () => {
  const airlock = await setup();
  const open = data(chat([{ index: 0, delta: { content: "to [EMAIL_1]" }, finish_reason: null }]));
  for (const tail of ["data: [DONE]\n\n", "", "data: [DONE]", "data: [DONE]\r"]) {
    const out = await run(airlock, open + tail);
    const events = parseSSE(out + "\n\n");
    const text = events
      .filter((e) => e.data !== "[DONE]")
      .map((e) => JSON.parse(e.data).choices[0].delta.content)
      .join("");
    assert.equal(text, "to zoe@example.org", JSON.stringify(tail));
    // Synthesised chunks copy the stream's ids and come before [DONE].
    const last = events.filter((e) => e.data !== "[DONE]").at(-1);
    assert.equal(JSON.parse(last.data).id, "chatcmpl-1");
    if (tail !== "") assert.equal(events.at(-1).data, "[DONE]");
  }
  // A cut-off last event is ended before the synthesised one.
  const cutOff = open + 'data: {"choices":[{"index":0,"delta":{"content":" [EMAIL_2"}}]}';
  const out = await run(airlock, cutOff);
  assert.match(out, /"\}\}\]\}\n\ndata: \{/);
  assert.equal(
    parseSSE(out).map((e) => JSON.parse(e.data).choices[0].delta.content).join(""),
    "to zoe@example.org ops@corp.example",
  );
});

test("tool-call arguments come whole, restored and JSON-escaped", async () => {
  const airlock = await setup();
  const args = ['{"pw":"[PA', 'SS_1]","to":["[EMAIL_1]"', '],"n":12345678901234567890}'];
  const text =
    data(chat([{ index: 0, delta: { tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "login", arguments: "" } }] }, finish_reason: null }])) +
    args
      .map((a) => data(chat([{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: a } }] }, finish_reason: null }])))
      .join("") +
    data(chat([{ index: 0, delta: {}, finish_reason: "tool_calls" }])) +
    "data: [DONE]\n\n";
  const events = parseSSE(await run(airlock, text));
  const got = collect("chat", events).arguments[0];
  assert.equal(got, '{"pw":"PASS:a\\"b\\\\c","to":["zoe@example.org"],"n":12345678901234567890}');
  assert.deepEqual(JSON.parse(got).pw, 'PASS:a"b\\c');
  // The first event still names the call.
  assert.equal(JSON.parse(events[0].data).choices[0].delta.tool_calls[0].id, "call_1");
});

test("anthropic: the rest of a block goes out before its stop event", async () => {
  const airlock = await setup();
  const text =
    named({ type: "message_start", message: { id: "msg_1", type: "message", role: "assistant", content: [], model: "claude" } }) +
    named({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }) +
    named({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi [EMAIL_" } }) +
    named({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "2" } }) +
    named({ type: "content_block_stop", index: 0 }) +
    named({ type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_1", name: "login", input: {} } }) +
    named({ type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: "" } }) +
    named({ type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '{"pw": "[PASS' } }) +
    named({ type: "content_block_delta", index: 1, delta: { type: "input_json_delta", partial_json: '_1]"}' } }) +
    named({ type: "content_block_stop", index: 1 }) +
    named({ type: "message_delta", delta: { stop_reason: "tool_use" } }) +
    named({ type: "message_stop" });
  const events = parseSSE(await run(airlock, text, { provider: "anthropic" }));
  const types = events.map((e) => e.event);
  assert.deepEqual(types.slice(2, 6), [
    "content_block_delta",
    "content_block_delta",
    "content_block_delta",
    "content_block_stop",
  ]);
  const got = collect("messages", events);
  assert.equal(got.text, airlock.restore("Hi [EMAIL_2"));
  assert.deepEqual(JSON.parse(got.arguments[0]), { pw: 'PASS:a"b\\c' });
  for (const e of events) assert.equal(JSON.parse(e.data).type, e.event);
});

test("anthropic: server tool input is left as the model wrote it", async () => {
  const airlock = await setup();
  const text =
    named({ type: "content_block_start", index: 0, content_block: { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: {} } }) +
    named({ type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: '{"query": "[EMAIL_1]"}' } }) +
    named({ type: "content_block_stop", index: 0 });
  assert.equal(await run(airlock, text, { provider: "anthropic" }), text);
});

test("responses: held text goes out before the .done event, same sequence number", async () => {
  const airlock = await setup();
  const base = { item_id: "msg_1", output_index: 0, content_index: 0 };
  const text =
    named({ type: "response.output_text.delta", ...base, delta: "to [EMAIL_1", sequence_number: 4 }) +
    named({ type: "response.output_text.done", ...base, text: "to [EMAIL_1", sequence_number: 5 }) +
    named({ type: "response.completed", sequence_number: 6, response: { object: "response", output: [{ type: "message", content: [{ type: "output_text", text: "to [EMAIL_1]" }] }] } });
  const events = parseSSE(await run(airlock, text, { provider: "openai" }));
  assert.deepEqual(
    events.map((e) => e.event),
    ["response.output_text.delta", "response.output_text.delta", "response.output_text.done", "response.completed"],
  );
  const [d1, d2, done, completed] = events.map((e) => JSON.parse(e.data));
  assert.equal(d1.delta + d2.delta, airlock.restore("to [EMAIL_1"));
  assert.equal(d2.sequence_number, 5);
  assert.equal(done.text, airlock.restore("to [EMAIL_1"));
  assert.equal(completed.response.output[0].content[0].text, "to zoe@example.org");
});

test("gemini: finishReason injects the rest; thoughts are their own channel", async () => {
  const airlock = await setup();
  const chunk = (parts, finishReason) => ({
    candidates: [{ content: { parts, role: "model" }, index: 0, ...(finishReason ? { finishReason } : {}) }],
    modelVersion: "gemini-2.5-flash",
  });
  const text =
    data(chunk([{ text: "think [EMAIL_", thought: true }])) +
    data(chunk([{ text: "1] ok", thought: true }, { text: "say [EMAIL_2" }])) +
    data(chunk([{ text: "] [EMAIL_1]" }], "STOP"));
  const events = parseSSE(await run(airlock, text.replaceAll("\n", "\r\n"), { provider: "gemini" }));
  let thought = "";
  let answer = "";
  for (const e of events) {
    for (const p of JSON.parse(e.data).candidates[0].content.parts) {
      if (p.thought) thought += p.text;
      else answer += p.text;
    }
  }
  assert.equal(thought, "think zoe@example.org ok");
  assert.equal(answer, "say ops@corp.example zoe@example.org");
  assert.equal(events.length, 3);
});

test("another provider's events pass untouched", async () => {
  const airlock = await setup();
  const text = data(chat([{ index: 0, delta: { content: "[EMAIL_1]" }, finish_reason: "stop" }]));
  assert.equal(await run(airlock, text, { provider: "anthropic" }), text);
  assert.notEqual(await run(airlock, text, { provider: "auto" }), text);
});

test("bad chunks and options are TypeErrors", async () => {
  const airlock = await setup();
  await assert.rejects(pipe(airlock.restoreSSE(), ["data: x\n\n"]), TypeError);
  assert.throws(() => airlock.restoreSSE({ provider: "mistral" }), TypeError);
  assert.throws(() => airlock.restoreSSE(null), TypeError);
  assert.throws(() => airlock.restoreSSE({ vault: "v" }), TypeError);
});

test("every channel's restorer is freed at the end, on cancel and on error", async () => {
  const airlock = await setup();
  const { vault, counts } = countingVault(airlock);
  airlock.redact("x zoe@example.org", { vault });
  const two = data(chat([
    { index: 0, delta: { content: "[EMAIL" }, finish_reason: null },
    { index: 1, delta: { content: "[EMAIL" }, finish_reason: null },
  ]));
  await run(airlock, two, { vault });
  assert.deepEqual(counts, { made: 2, freed: 2 });

  const s = airlock.restoreSSE({ vault });
  const r = s.readable.getReader();
  s.writable.getWriter().write(encoder.encode(two));
  await r.read();
  await r.cancel();
  assert.deepEqual(counts, { made: 4, freed: 4 });

  await assert.rejects(pipe(airlock.restoreSSE({ vault }), [encoder.encode(two), "x"]));
  assert.deepEqual(counts, { made: 6, freed: 6 });
});

test("pipeResponse wraps a fetch Response", async () => {
  const airlock = await setup();
  const body = data(chat([{ index: 0, delta: { content: "[EMAIL_1]" }, finish_reason: "stop" }]));
  const res = new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream", "content-length": String(body.length), "x-request-id": "r1" },
  });
  const out = pipeResponse(res, airlock.restoreSSE({ provider: "openai" }));
  assert.equal(out.status, 200);
  assert.equal(out.headers.get("content-length"), null);
  assert.equal(out.headers.get("x-request-id"), "r1");
  assert.match(await out.text(), /zoe@example\.org/);
  assert.throws(() => pipeResponse({}, airlock.restoreSSE()), TypeError);
});
