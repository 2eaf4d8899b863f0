// redactRequest, restoreResponse and the provider helpers, run against
// the built dist.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  createAirlock,
  AirlockError,
  detectProvider,
  detectResponseProvider,
  providerForUrl,
} from "../dist/node.js";
import { loadProviderSuite } from "../../tests/lib/provider-fixtures.mjs";
import { runProviderCases } from "../../tests/lib/provider-cases.mjs";

const policy = { version: 1, defaultAction: "tokenize" };

test("provider fixtures: requests, responses and streams", async () => {
  const { count, failures } = await runProviderCases(
    createAirlock,
    await loadProviderSuite(),
  );
  assert.equal(count, 4);
  assert.deepEqual(failures, []);
});

test("findings carry the path, and the path inside JSON arguments", async () => {
  const airlock = await createAirlock({ policy });
  const { body, findings } = airlock.redactRequest(
    {
      model: "gpt-4o",
      messages: [
        { role: "user", content: "hi" },
        {
          role: "assistant",
          tool_calls: [
            {
              id: "c1",
              type: "function",
              function: {
                name: "f",
                arguments: '{ "to": { "list": ["x", "a@b.example"] }, "n": 1.50 }',
              },
            },
          ],
        },
      ],
    },
    { provider: "openai" },
  );
  assert.deepEqual(
    findings.map((f) => [f.path, f.jsonPath, f.start, f.end]),
    [["messages[1].tool_calls[0].function.arguments", "to.list[1]", 0, 11]],
  );
  // Only the string literal changed: spacing and numbers kept.
  assert.equal(
    body.messages[1].tool_calls[0].function.arguments,
    '{ "to": { "list": ["x", "[EMAIL_1]"] }, "n": 1.50 }',
  );
});

test("arguments that are not JSON are redacted as text", async () => {
  const airlock = await createAirlock({ policy });
  const { body, findings } = airlock.redactRequest(
    { input: [{ type: "function_call", call_id: "c", name: "f", arguments: '{"to": "a@b.example"' }] },
    { provider: "openai" },
  );
  assert.equal(body.input[0].arguments, '{"to": "[EMAIL_1]"');
  assert.equal(findings[0].jsonPath, undefined);
});

test("keys that are not identifiers are quoted in paths", async () => {
  const airlock = await createAirlock({ policy });
  const { findings } = airlock.redactRequest(
    {
      model: "claude-x",
      max_tokens: 10,
      messages: [
        { role: "assistant", content: [{ type: "tool_use", id: "t", name: "n", input: { "e-mail": "a@b.example" } }] },
      ],
    },
    { provider: "anthropic" },
  );
  assert.equal(findings[0].path, 'messages[0].content[0].input["e-mail"]');
});

test("redactRequest fails closed: blocked propagates, nothing returned", async () => {
  const airlock = await createAirlock({
    policy: { version: 1, defaultAction: "tokenize", detectors: { email: { action: "block" } } },
  });
  const body = {
    model: "gpt-4o",
    messages: [
      { role: "system", content: "be brief" },
      { role: "user", content: "write to a@b.example" },
    ],
  };
  let result;
  assert.throws(
    () => {
      result = airlock.redactRequest(body);
    },
    (e) => e instanceof AirlockError && e.code === "blocked",
  );
  assert.equal(result, undefined);
  assert.equal(body.messages[1].content, "write to a@b.example");
});

test("redactRequest refuses what it cannot read", async () => {
  const airlock = await createAirlock({ policy });
  assert.throws(() => airlock.redactRequest({ prompt: "a@b.example" }), TypeError);
  assert.throws(() => airlock.redactRequest("{not json"), TypeError);
  assert.throws(() => airlock.redactRequest([1, 2]), TypeError);
  assert.throws(() => airlock.redactRequest(null), TypeError);
  assert.throws(() => airlock.redactRequest({ messages: [] }, { provider: "cohere" }), TypeError);
  assert.throws(() => airlock.redactRequest({ messages: [] }, { url: 42 }), TypeError);
  assert.throws(() => airlock.redactRequest({ messages: [] }, { url: "not a url" }), TypeError);
  assert.throws(() => airlock.redactRequest({ messages: [] }, null), TypeError);
  // With the provider given, any object goes; unknown fields are left.
  const { body } = airlock.redactRequest({ prompt: "a@b.example" }, { provider: "openai" });
  assert.deepEqual(body, { prompt: "a@b.example" });
});

test("input_too_large per text propagates", async () => {
  const airlock = await createAirlock({
    policy: { version: 1, defaultAction: "tokenize", limits: { maxInputBytes: 20 } },
  });
  assert.throws(
    () => airlock.redactRequest({ model: "m", input: "x".repeat(21) }),
    (e) => e.code === "input_too_large",
  );
});

test("restoreResponse: unknown shapes come back as an unchanged copy", async () => {
  const airlock = await createAirlock({ policy });
  airlock.redact("a@b.example");
  const error = { error: { type: "overloaded_error", message: "[EMAIL_1]" } };
  const out = airlock.restoreResponse(error);
  assert.deepEqual(out, error);
  assert.notEqual(out, error);
  assert.equal(airlock.restoreResponse(JSON.stringify(error)), JSON.stringify(error));
  assert.throws(() => airlock.restoreResponse(7), TypeError);
  assert.throws(() => airlock.restoreResponse({}, { provider: "x" }), TypeError);
});

test("restoreResponse: a Gemini chunk array restores across chunks", async () => {
  const airlock = await createAirlock({ policy });
  airlock.redact("a@b.example");
  const chunk = (text, finishReason) => ({
    candidates: [{ content: { role: "model", parts: [{ text }] }, index: 0, ...(finishReason ? { finishReason } : {}) }],
  });
  const chunks = [chunk("to [EMA"), chunk("IL_1] and [EMAIL_1"), chunk("", "STOP")];
  const out = airlock.restoreResponse(chunks);
  const text = out.map((c) => c.candidates[0].content.parts.map((p) => p.text).join("")).join("");
  assert.equal(text, airlock.restore("to [EMAIL_1] and [EMAIL_1"));
  assert.equal(out.length, 3);
  assert.equal(chunks[0].candidates[0].content.parts[0].text, "to [EMA");
});

test("restoreResponse restores refusals, audio transcripts and reasoning summaries", async () => {
  const airlock = await createAirlock({ policy });
  airlock.redact("a@b.example");
  const chat = airlock.restoreResponse({
    object: "chat.completion",
    choices: [{ index: 0, message: { role: "assistant", content: null, refusal: "not [EMAIL_1]", audio: { id: "a1", transcript: "[EMAIL_1]" } } }],
  });
  assert.equal(chat.choices[0].message.refusal, "not a@b.example");
  assert.equal(chat.choices[0].message.audio.transcript, "a@b.example");
  assert.equal(chat.choices[0].message.audio.id, "a1");
  const responses = airlock.restoreResponse({
    object: "response",
    output: [{ type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "mail [EMAIL_1]" }], encrypted_content: "[EMAIL_1]" }],
  });
  assert.equal(responses.output[0].summary[0].text, "mail a@b.example");
  assert.equal(responses.output[0].encrypted_content, "[EMAIL_1]");
});

test("anthropic thinking blocks are signed: left as they are", async () => {
  const airlock = await createAirlock({ policy });
  const body = {
    model: "claude-x",
    max_tokens: 100,
    messages: [
      { role: "assistant", content: [{ type: "thinking", thinking: "a@b.example", signature: "sig" }, { type: "text", text: "a@b.example" }] },
    ],
  };
  const { body: out } = airlock.redactRequest(body);
  assert.equal(out.messages[0].content[0].thinking, "a@b.example");
  assert.equal(out.messages[0].content[1].text, "[EMAIL_1]");
  const restored = airlock.restoreResponse({ type: "message", content: [{ type: "thinking", thinking: "[EMAIL_1]", signature: "s" }] });
  assert.equal(restored.content[0].thinking, "[EMAIL_1]");
});

test("providerForUrl knows the providers' hosts, not look-alikes", () => {
  const cases = [
    ["https://api.openai.com/v1/chat/completions", "openai"],
    ["https://api.openai.com/v1/responses", "openai"],
    ["https://my-res.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21", "openai"],
    ["https://api.anthropic.com/v1/messages", "anthropic"],
    ["https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent", "gemini"],
    ["https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse", "gemini"],
    ["https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/models/claude-sonnet-4-5:rawPredict", "anthropic"],
    ["https://evilanthropic.com/v1/messages", undefined],
    ["https://api.anthropic.com.evil.example/v1/messages", undefined],
    ["https://openai.com.example/v1/responses", undefined],
    ["https://example.com/v1/chat/completions", undefined],
    ["ftp://api.openai.com/", undefined],
  ];
  for (const [url, want] of cases) assert.equal(providerForUrl(url), want, url);
  assert.equal(providerForUrl(new URL("https://api.openai.com/v1/x")), "openai");
  assert.throws(() => providerForUrl("/v1/messages"), TypeError);
});

test("detectProvider and detectResponseProvider tell shapes apart", () => {
  assert.equal(detectProvider({ contents: [] }), "gemini");
  assert.equal(detectProvider({ model: "gpt-4.1", input: "hi" }), "openai");
  assert.equal(detectProvider({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] }), "openai");
  assert.equal(detectProvider({ model: "claude-opus-4", max_tokens: 5, messages: [] }), "anthropic");
  assert.equal(detectProvider({ system: "s", messages: [] }), "anthropic");
  assert.equal(
    detectProvider({ model: "m", messages: [{ role: "user", content: [{ type: "tool_result", tool_use_id: "t", content: "x" }] }] }),
    "anthropic",
  );
  assert.equal(detectProvider({ messages: [] }, "https://api.anthropic.com/v1/messages"), "anthropic");
  assert.equal(detectProvider({ prompt: "x" }), undefined);
  assert.equal(detectResponseProvider({ object: "chat.completion", choices: [] }), "openai");
  assert.equal(detectResponseProvider({ object: "response", output: [] }), "openai");
  assert.equal(detectResponseProvider({ type: "message", content: [] }), "anthropic");
  assert.equal(detectResponseProvider([{ candidates: [] }]), "gemini");
  assert.equal(detectResponseProvider({ error: {} }), undefined);
});
