// No sensitive value of the dev corpus ever reaches an audit event: every
// document goes through redact, redactRequest, restore and guardFetch's
// checks, and each gold value is looked for in everything emitted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createAirlock } from "../dist/node.js";
import { sharedDir } from "../../tests/lib/shared.mjs";

function corpus() {
  const dir = sharedDir();
  const file = dir && join(dir, "corpus/dev.jsonl");
  if (!file || !existsSync(file)) return undefined;
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

test("audit events never carry a dev-corpus value", async (t) => {
  const docs = corpus();
  if (docs === undefined) {
    t.skip("no ../shared/corpus/dev.jsonl (set AIRLOCK_SHARED_DIR)");
    return;
  }
  const events = [];
  for (const defaultAction of ["label", "tokenize", "block"]) {
    const airlock = await createAirlock({
      policy: { version: 1, defaultAction, egress: { allow: ["https://api.openai.com/v1/*"] } },
      onAudit: (e) => events.push(JSON.stringify(e)),
    });
    for (const doc of docs) {
      try {
        airlock.redact(doc.text);
        airlock.redactRequest(
          { model: "gpt-4o", messages: [{ role: "user", content: doc.text }] },
          { provider: "openai" },
        );
      } catch (e) {
        if (e.code !== "blocked") throw e;
      }
      airlock.restore(doc.text);
      airlock.checkUrl(`https://api.openai.com/v1/chat?q=${encodeURIComponent(doc.text.slice(0, 80))}`);
    }
    airlock.dispose();
  }
  const all = events.join("\n");
  const leaked = [];
  for (const doc of docs) {
    const chars = [...doc.text];
    for (const span of doc.spans) {
      const value = chars.slice(span.start, span.end).join("");
      // Short values (a 3-digit group) occur anywhere by chance.
      if (value.length >= 6 && all.includes(value)) leaked.push(`${doc.id}: ${span.type}`);
    }
  }
  assert.ok(events.length > docs.length * 9, `${events.length} events`);
  assert.deepEqual(leaked, []);
});
