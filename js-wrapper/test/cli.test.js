// The llm-airlock command, run as a user runs it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/llm-airlock.js", import.meta.url));
const run = (args, input) =>
  spawnSync(process.execPath, [bin, ...args], { input, env: { ...process.env, NO_COLOR: "1" } });
const dir = mkdtempSync(join(tmpdir(), "airlock-cli-"));

test("scan lists findings and exits 1; clean text exits 0", () => {
  const found = run(["scan"], "mail ana@example.com\n");
  assert.equal(found.status, 1);
  assert.match(found.stdout.toString(), /1:6\temail\temail\tlabel/);
  const clean = run(["scan"], "nothing here\n");
  assert.equal(clean.status, 0);
  assert.match(clean.stdout.toString(), /no sensitive values found/);
});

test("redact prints the safe text; --json the details", () => {
  const out = run(["redact"], "mail ana@example.com");
  assert.equal(out.status, 0);
  assert.equal(out.stdout.toString(), "mail [EMAIL]\n");
  const json = JSON.parse(run(["redact", "--json"], "ana@example.com").stdout);
  assert.equal(json.text, "[EMAIL]");
  assert.equal(json.findings[0].kind, "email");
});

test("--jsonl handles each line, bad lines get an error line", () => {
  const input = '{"id":"a","text":"x@y.example"}\nnot json\n{"id":"c","text":"clean"}\n';
  const out = run(["scan", "--jsonl"], input);
  assert.equal(out.status, 0);
  const lines = out.stdout.toString().trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.equal(lines[0].id, "a");
  assert.equal(lines[0].findings[0].kind, "email");
  assert.equal(lines[1].error.code, "invalid_json");
  assert.deepEqual(lines[2].findings, []);
});

test("--policy FILE applies; blocked exits 3 without the value", () => {
  const policy = join(dir, "policy.json");
  writeFileSync(policy, JSON.stringify({ version: 1, detectors: { email: { action: "block" } } }));
  const out = run(["redact", "--policy", policy], "to hidden.name@example.com");
  assert.equal(out.status, 3);
  assert.equal(out.stdout.length, 0);
  assert.match(out.stderr.toString(), /blocked/);
  assert.ok(!out.stderr.toString().includes("hidden.name"));
});

test("invalid UTF-8, bad policy and bad usage exit 2", () => {
  assert.equal(run(["scan"], Buffer.from([0x61, 0xff, 0xfe])).status, 2);
  const bad = join(dir, "bad.json");
  writeFileSync(bad, '{"version":1,"custom":[{"id":"x","pattern":"("}]}');
  const out = run(["scan", "--policy", bad], "x");
  assert.equal(out.status, 2);
  assert.match(out.stderr.toString(), /custom\[0\]\.pattern/);
  assert.equal(run(["frobnicate"], "").status, 2);
});
