// Property tests of reversible redaction on the dev corpus (when the
// shared folder is there) and on seeded random texts: restore undoes
// redact exactly, no original value of 6+ characters survives redaction,
// and streaming restore, cut anywhere, equals one-shot restore.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAirlock } from "../dist/node.js";
import { devCorpus } from "../../tests/lib/shared.mjs";
import { randomText, seeded } from "../../tests/lib/streams.mjs";
import { ACTIONS, checkStreamingRestore } from "../../tests/lib/restore-checks.mjs";

const corpus = devCorpus();

function inputs(t) {
  const rand = seeded(20240611);
  const random = Array.from({ length: 300 }, () => randomText(rand));
  if (corpus.texts === undefined) {
    t.diagnostic(`dev corpus skipped: ${corpus.why}`);
    console.log(`# skip: dev corpus: ${corpus.why}`);
    return random;
  }
  return [...corpus.texts, ...random];
}

for (const action of ACTIONS) {
  test(`restore(redact(x)) === x with every kind on ${action}`, async (t) => {
    const airlock = await createAirlock({
      policy: { version: 1, defaultAction: action },
      pseudonymKey: "property key",
    });
    let replaced = 0;
    for (const [i, x] of inputs(t).entries()) {
      const { text, findings } = airlock.redact(x);
      assert.equal(airlock.restore(text), x, `input #${i}`);
      for (const f of findings) {
        if (f.replacement === undefined) continue;
        replaced++;
        const value = x.slice(f.start, f.end);
        if (value.length >= 6) {
          assert.ok(!text.includes(value), `input #${i}: a ${f.kind} value survived`);
        }
      }
    }
    assert.ok(replaced > 0, "nothing was replaced: the test tests nothing");
  });
}

test("streaming restore equals one-shot restore, cut anywhere", async (t) => {
  // A sample of the corpus keeps the run short; the random texts are
  // cut down to single characters and single bytes.
  const extra = (corpus.texts ?? []).filter((_, i) => i % 50 === 0);
  if (corpus.texts === undefined) t.diagnostic(`dev corpus skipped: ${corpus.why}`);
  const { count, failures } = await checkStreamingRestore(createAirlock, {
    seed: 11,
    texts: 30,
    extra,
  });
  assert.ok(count >= 90);
  assert.deepEqual(failures, []);
});
