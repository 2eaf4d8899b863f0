// Streaming restore, SSE restore and the request helpers against the
// built package, imported by name as an app would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAirlock } from "llm-airlock";
import { loadProviderSuite } from "../lib/provider-fixtures.mjs";
import { runProviderCases } from "../lib/provider-cases.mjs";
import { checkStreamingRestore } from "../lib/restore-checks.mjs";

test("provider fixtures pass in Node", async () => {
  const { count, failures } = await runProviderCases(createAirlock, await loadProviderSuite());
  assert.equal(count, 4);
  assert.deepEqual(failures, [], `${failures.length} failed`);
});

test("streaming restore equals one-shot restore in Node", async () => {
  const { count, failures } = await checkStreamingRestore(createAirlock, { seed: 5, texts: 20 });
  assert.ok(count > 0);
  assert.deepEqual(failures, []);
});

test("restoreSSE restores a fetch Response body in Node", async () => {
  const airlock = await createAirlock({ policy: { version: 1, defaultAction: "tokenize" } });
  airlock.redact("a@b.example");
  const body = 'data: {"choices":[{"index":0,"delta":{"content":"[EMA"}}]}\n\n' +
    'data: {"choices":[{"index":0,"delta":{"content":"IL_1]"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n';
  const res = new Response(body, { headers: { "content-type": "text/event-stream" } });
  const text = await new Response(res.body.pipeThrough(airlock.restoreSSE())).text();
  assert.match(text, /"content":""\}/);
  assert.match(text, /"content":"a@b\.example"\}/);
});
