// The cross-layer cases against the built package, imported by name as an
// app would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAirlock } from "llm-airlock";
import { loadSuites } from "../lib/cases.mjs";
import { runCases } from "../lib/run-cases.mjs";

test("cross-layer cases pass in Node", async () => {
  const { count, failures } = await runCases(createAirlock, await loadSuites());
  assert.ok(count > 0);
  assert.deepEqual(failures, [], `${failures.length} of ${count} failed`);
});
