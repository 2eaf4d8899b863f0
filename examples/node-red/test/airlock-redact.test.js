"use strict";
// Flows with the airlock-redact node, run in Node-RED by
// node-red-node-test-helper against the built llm-airlock package.
const { test, before, after, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const helper = require("node-red-node-test-helper");
const airlockNode = require("../nodes/airlock-redact.js");
const catchNode = require("@node-red/nodes/core/common/25-catch.js");

helper.init(require.resolve("node-red"));

const EMAIL = "jane.doe@example.com";
const KEY = "AKIAZ7Q2XK4PLM3RT6VW";
const PROMPT = `Mail ${EMAIL} and use ${KEY} to deploy.`;
const BLOCK_SECRETS = JSON.stringify({
  version: 1,
  detectors: { secret: { action: "block" } },
});

before(() => new Promise((resolve) => helper.startServer(resolve)));
after(() => new Promise((resolve) => helper.stopServer(resolve)));
afterEach(() => helper.unload());

/** A flow: tab f1, the node under test n1 wired to helpers out1 and out2,
 * and a Catch node wired to helper caught. */
function flow(config) {
  const outputs = config.onBlock === "output" ? 2 : 1;
  return [
    { id: "f1", type: "tab" },
    {
      id: "n1",
      z: "f1",
      type: "airlock-redact",
      outputs,
      ...config,
      wires: outputs === 2 ? [["out1"], ["out2"]] : [["out1"]],
    },
    { id: "c1", z: "f1", type: "catch", scope: null, wires: [["caught"]] },
    { id: "out1", z: "f1", type: "helper" },
    { id: "out2", z: "f1", type: "helper" },
    { id: "caught", z: "f1", type: "helper" },
  ];
}

/** Loads the flow and records what each helper node receives. */
async function load(config) {
  await helper.load([airlockNode, catchNode], flow(config));
  const got = { out1: [], out2: [], caught: [] };
  for (const [id, list] of Object.entries(got)) {
    helper.getNode(id).on("input", (msg) => list.push(msg));
  }
  return got;
}

/** Resolves after `ms`, for checks that nothing else arrives. */
function settle(ms = 200) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The statuses `node` has shown (the helper spies on Node.status). */
function statuses(node) {
  return node.status
    .getCalls()
    .filter((call) => call.thisValue === node)
    .map((call) => call.args[0]);
}

/** Polls `probe` until it returns something, for up to `ms`. */
async function waitFor(probe, ms = 10000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test("redacts msg.payload and reports findings without values", async () => {
  const got = await load({ policy: "" });
  helper.getNode("n1").receive({ payload: PROMPT, topic: "t" });
  const msg = await waitFor(() => got.out1[0]);

  assert.equal(msg.payload, "Mail [EMAIL] and use [SECRET] to deploy.");
  assert.equal(msg.topic, "t");
  assert.deepEqual(msg.airlock.counts, { email: 1, secret: 1 });
  assert.deepEqual(msg.airlock.findings[0], {
    kind: "email",
    detector: "email",
    start: 5,
    end: 5 + EMAIL.length,
    action: "label",
  });
  const report = JSON.stringify(msg.airlock);
  assert.ok(!report.includes(EMAIL) && !report.includes(KEY));
});

test("redacts a chosen nested property", async () => {
  const got = await load({ property: "req.prompt", policy: "" });
  helper
    .getNode("n1")
    .receive({ payload: "untouched", req: { prompt: PROMPT } });
  const msg = await waitFor(() => got.out1[0]);

  assert.equal(msg.req.prompt, "Mail [EMAIL] and use [SECRET] to deploy.");
  assert.equal(msg.payload, "untouched");
});

test("the policy's actions apply", async () => {
  const policy = JSON.stringify({
    version: 1,
    detectors: { email: { action: "redact" } },
    allow: [KEY],
  });
  const got = await load({ policy });
  helper.getNode("n1").receive({ payload: PROMPT });
  const msg = await waitFor(() => got.out1[0]);

  assert.ok(!msg.payload.includes(EMAIL));
  assert.ok(msg.payload.includes(KEY));
  assert.deepEqual(msg.airlock.counts, { email: 1 });
});

test("a blocked message raises an error that a Catch node gets", async () => {
  const got = await load({ policy: BLOCK_SECRETS, onBlock: "error" });
  helper.getNode("n1").receive({ payload: PROMPT });
  const msg = await waitFor(() => got.caught[0]);
  await settle();

  assert.equal(got.out1.length, 0);
  assert.match(msg.error.message, /blocked by policy/);
  assert.equal(msg.error.source.id, "n1");
  assert.equal(msg.airlock.blocked, true);
  assert.deepEqual(msg.airlock.kinds, ["secret"]);
  assert.deepEqual(msg.airlock.counts, { email: 1, secret: 1 });
  assert.ok(!JSON.stringify(msg.error).includes(KEY));
});

test("a blocked message goes to output 2 when configured", async () => {
  const got = await load({ policy: BLOCK_SECRETS, onBlock: "output" });
  helper.getNode("n1").receive({ payload: PROMPT });
  const msg = await waitFor(() => got.out2[0]);
  await settle();

  assert.equal(got.out1.length + got.caught.length, 0);
  assert.equal(msg.airlock.blocked, true);
  assert.deepEqual(msg.airlock.kinds, ["secret"]);
  assert.equal(msg.payload, PROMPT, "output 2 carries the message as it came");

  // A clean message still goes to output 1.
  helper.getNode("n1").receive({ payload: `only ${EMAIL}` });
  const clean = await waitFor(() => got.out1[0]);
  assert.equal(clean.payload, "only [EMAIL]");
});

test("a bad policy shows its path in the status and fails messages", async () => {
  const policy = JSON.stringify({
    version: 1,
    custom: [{ id: "ticket", pattern: "(TICKET-" }],
  });
  const got = await load({ policy });
  const n1 = helper.getNode("n1");
  const status = await waitFor(() =>
    statuses(n1).find((s) => s.fill === "red"),
  );
  assert.deepEqual(status, {
    fill: "red",
    shape: "ring",
    text: "bad policy: custom[0].pattern",
  });

  n1.receive({ payload: PROMPT });
  const msg = await waitFor(() => got.caught[0]);
  await settle();
  assert.equal(got.out1.length, 0);
  assert.match(msg.error.message, /custom\[0\]\.pattern/);
});

test("a good policy shows ready", async () => {
  await load({ policy: BLOCK_SECRETS });
  const n1 = helper.getNode("n1");
  const status = await waitFor(() =>
    statuses(n1).find((s) => s.fill !== "grey"),
  );
  assert.deepEqual(status, { fill: "green", shape: "dot", text: "ready" });
});

test("a non-string property is an error", async () => {
  const got = await load({ policy: "" });
  helper.getNode("n1").receive({ payload: { prompt: PROMPT } });
  const msg = await waitFor(() => got.caught[0]);
  assert.match(msg.error.message, /msg\.payload must be a string, got object/);
});
