// Calls the compiled Airlock node's execute() with a minimal fake of n8n's
// IExecuteFunctions, against the built llm-airlock package.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Airlock } = require("../dist/nodes/Airlock/Airlock.node.js");
const { NodeOperationError } = require("n8n-workflow");

const EMAIL = "jane.doe@example.com";
const KEY = "AKIAZ7Q2XK4PLM3RT6VW";
const PROMPT = `Mail ${EMAIL} and use ${KEY} to deploy.`;
const REDACTED = "Mail [EMAIL] and use [SECRET] to deploy.";
const BLOCK_SECRETS = JSON.stringify({
  version: 1,
  detectors: { secret: { action: "block" } },
});

/**
 * The part of IExecuteFunctions the node uses. `params` values may be
 * functions of the item index, like n8n expressions.
 */
function fakeContext({ items, params, continueOnFail = false }) {
  const node = {
    id: "1",
    name: "Airlock",
    type: "n8n-nodes-llm-airlock.airlock",
    typeVersion: 1,
    position: [0, 0],
    parameters: params,
  };
  return {
    getInputData: () => items,
    getNodeParameter(name, itemIndex, fallback) {
      assert.equal(typeof itemIndex, "number");
      const value = params[name];
      if (typeof value === "function") return value(itemIndex);
      return value === undefined ? fallback : value;
    },
    continueOnFail: () => continueOnFail,
    getNode: () => node,
  };
}

/** Runs the node; resolves with its single output's items. */
async function run(options) {
  const [out, ...rest] = await new Airlock().execute.call(fakeContext(options));
  assert.equal(rest.length, 0, "one output");
  return out;
}

test("describes a node with Redact and Scan operations", () => {
  const { description } = new Airlock();
  assert.equal(description.name, "airlock");
  const names = description.properties.map((p) => p.name);
  assert.deepEqual(names, ["operation", "field", "policy"]);
  const operation = description.properties[0];
  assert.deepEqual(
    operation.options.map((o) => o.value),
    ["redact", "scan"],
  );
});

test("redact replaces the field and reports findings without values", async () => {
  const items = [
    { json: { prompt: PROMPT, id: 1 } },
    { json: { prompt: "nothing here", id: 2 } },
  ];
  const out = await run({
    items,
    params: { operation: "redact", field: "prompt", policy: "" },
  });

  assert.equal(out.length, 2);
  assert.equal(out[0].json.prompt, REDACTED);
  assert.equal(out[0].json.id, 1);
  assert.deepEqual(out[0].json.airlock.counts, { email: 1, secret: 1 });
  assert.deepEqual(out[0].json.airlock.findings[1], {
    kind: "secret",
    detector: "aws_access_key",
    start: PROMPT.indexOf(KEY),
    end: PROMPT.indexOf(KEY) + KEY.length,
    action: "label",
  });
  assert.deepEqual(out[0].pairedItem, { item: 0 });
  assert.equal(out[1].json.prompt, "nothing here");
  assert.deepEqual(out[1].json.airlock, { findings: [], counts: {} });
  assert.deepEqual(out[1].pairedItem, { item: 1 });

  // The input items are left alone, and no value leaks into the report.
  assert.equal(items[0].json.prompt, PROMPT);
  const report = JSON.stringify(out[0].json.airlock);
  assert.ok(!report.includes(EMAIL) && !report.includes(KEY));
});

test("redact reaches a nested field and keeps binary data", async () => {
  const binary = { data: { data: "", mimeType: "text/plain" } };
  const out = await run({
    items: [{ json: { body: { prompt: PROMPT } }, binary }],
    params: { operation: "redact", field: "body.prompt", policy: "" },
  });
  assert.equal(out[0].json.body.prompt, REDACTED);
  assert.equal(out[0].binary, binary);
});

test("the policy applies, given as text or as a parsed object", async () => {
  const policy = {
    version: 1,
    detectors: { email: { action: "redact" } },
    allow: [KEY],
  };
  for (const given of [JSON.stringify(policy), policy]) {
    const out = await run({
      items: [{ json: { text: PROMPT } }],
      params: { operation: "redact", field: "text", policy: given },
    });
    assert.ok(!out[0].json.text.includes(EMAIL));
    assert.ok(out[0].json.text.includes(KEY));
    assert.deepEqual(out[0].json.airlock.counts, { email: 1 });
  }
});

test("scan leaves the field and says whether redact would block", async () => {
  const out = await run({
    items: [{ json: { text: PROMPT } }, { json: { text: `only ${EMAIL}` } }],
    params: { operation: "scan", field: "text", policy: BLOCK_SECRETS },
  });
  assert.equal(out[0].json.text, PROMPT);
  assert.equal(out[0].json.airlock.blocked, true);
  assert.deepEqual(out[0].json.airlock.kinds, ["secret"]);
  assert.deepEqual(out[0].json.airlock.counts, { email: 1, secret: 1 });
  assert.equal(out[1].json.airlock.blocked, false);
  assert.deepEqual(out[1].json.airlock.kinds, []);
});

test("a blocked item fails the node", async () => {
  await assert.rejects(
    run({
      items: [{ json: { text: "fine" } }, { json: { text: PROMPT } }],
      params: { operation: "redact", field: "text", policy: BLOCK_SECRETS },
    }),
    (err) => {
      assert.ok(err instanceof NodeOperationError);
      assert.match(err.message, /blocked by policy/);
      assert.equal(err.context.itemIndex, 1);
      assert.ok(!JSON.stringify(err).includes(KEY));
      return true;
    },
  );
});

test("with continueOnFail, a blocked item goes on with the error", async () => {
  const out = await run({
    items: [{ json: { text: PROMPT } }, { json: { text: `only ${EMAIL}` } }],
    params: { operation: "redact", field: "text", policy: BLOCK_SECRETS },
    continueOnFail: true,
  });
  assert.equal(out.length, 2);
  assert.match(out[0].json.error, /blocked by policy/);
  assert.ok(out[0].error instanceof NodeOperationError);
  assert.equal(out[0].json.airlock.blocked, true);
  assert.deepEqual(out[0].json.airlock.kinds, ["secret"]);
  assert.deepEqual(out[0].json.airlock.counts, { email: 1, secret: 1 });
  assert.deepEqual(out[0].pairedItem, { item: 0 });
  assert.equal(out[1].json.text, "only [EMAIL]");
  assert.equal(out[1].json.error, undefined);
});

test("a bad policy fails with the path of the problem", async () => {
  const policy = JSON.stringify({
    version: 1,
    custom: [{ id: "ticket", pattern: "(TICKET-" }],
  });
  await assert.rejects(
    run({
      items: [{ json: { text: PROMPT } }],
      params: { operation: "redact", field: "text", policy },
    }),
    (err) => {
      assert.ok(err instanceof NodeOperationError);
      assert.match(err.message, /custom\[0\]\.pattern/);
      assert.equal(err.description, "in the policy at custom[0].pattern");
      return true;
    },
  );

  const out = await run({
    items: [{ json: { text: PROMPT } }],
    params: { operation: "scan", field: "text", policy },
    continueOnFail: true,
  });
  assert.match(out[0].json.error, /custom\[0\]\.pattern/);
});

test("a missing or non-string field is an error", async () => {
  await assert.rejects(
    run({
      items: [{ json: { other: 1 } }],
      params: { operation: "redact", field: "text", policy: "" },
    }),
    /field "text" must be a string, got undefined/,
  );
  await assert.rejects(
    run({
      items: [{ json: { text: 42 } }],
      params: { operation: "scan", field: "text", policy: "" },
    }),
    /field "text" must be a string, got number/,
  );
});
