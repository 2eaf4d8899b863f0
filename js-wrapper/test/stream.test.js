// airlock.restoreStream, run against the built dist.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAirlock } from "../dist/node.js";
import {
  concatBytes,
  countingVault,
  cut,
  pipe,
  seeded,
} from "../../tests/lib/streams.mjs";

const policy = { version: 1, defaultAction: "tokenize" };

async function setup() {
  const airlock = await createAirlock({ policy });
  const { text } = airlock.redact("mail zoe@example.org and ops@corp.example");
  assert.equal(text, "mail [EMAIL_1] and [EMAIL_2]");
  return airlock;
}

test("string chunks restore tokens cut anywhere, strings out", async () => {
  const airlock = await setup();
  const out = await pipe(airlock.restoreStream(), ["I wrote [EMA", "IL_", "1", "] and [email_2]'s", " boss"]);
  assert.ok(out.every((c) => typeof c === "string"));
  assert.equal(out.join(""), "I wrote zoe@example.org and ops@corp.example's boss");
});

test("byte chunks cut inside characters restore, bytes out", async () => {
  const airlock = await setup();
  const answer = "😀 客户 [EMAIL_1] é [EMAIL_2]👍🏽";
  const bytes = new TextEncoder().encode(answer);
  const rand = seeded(3);
  for (const max of [1, 2, 3]) {
    const out = await pipe(airlock.restoreStream(), cut(rand, bytes, max));
    assert.ok(out.every((c) => c instanceof Uint8Array));
    assert.equal(
      new TextDecoder().decode(concatBytes(out)),
      "😀 客户 zoe@example.org é ops@corp.example👍🏽",
    );
  }
});

test("a surrogate pair cut between string chunks stays whole", async () => {
  const airlock = await setup();
  const answer = "a😀[EMAIL_1]👍🏽";
  const pieces = [...answer.split("")]; // UTF-16 units: pairs cut
  const out = await pipe(airlock.restoreStream(), pieces);
  assert.equal(out.join(""), "a😀zoe@example.org👍🏽");
  // A lone surrogate is what one-shot restore makes of it.
  const lone = await pipe(airlock.restoreStream(), ["x", "\uD83D"]);
  assert.equal(lone.join(""), airlock.restore("x\uD83D"));
});

test("the tail held back is flushed at the end", async () => {
  const airlock = await setup();
  const out = await pipe(airlock.restoreStream(), ["see [EMAIL_1"]);
  assert.equal(out.join(""), airlock.restore("see [EMAIL_1"));
  const empty = await pipe(airlock.restoreStream(), []);
  assert.deepEqual(empty, []);
});

test("memory stays flat: output keeps up with a long stream", async () => {
  const airlock = await setup();
  const stream = airlock.restoreStream();
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const piece = "lorem ipsum [EMAIL_1] dolor [EMAIL_2] sit amet ".repeat(200);
  let inChars = 0;
  let outChars = 0;
  let restored = 0;
  for (let i = 0; i < 300; i++) {
    writer.write(piece);
    inChars += piece.length;
    const { value } = await reader.read();
    outChars += value.length;
    restored += value.split("zoe@example.org").length - 1;
    // Tokens grow when restored: out may run ahead, never far behind.
    assert.ok(inChars - outChars < 512, `held ${inChars - outChars} chars`);
  }
  writer.close();
  for (;;) {
    const { done } = await reader.read();
    if (done) break;
  }
  assert.equal(restored, 300 * 200);
});

test("mixing strings and bytes errors the stream", async () => {
  const airlock = await setup();
  await assert.rejects(
    pipe(airlock.restoreStream(), ["text", new Uint8Array([65])]),
    (e) => e instanceof TypeError && /not both/.test(e.message),
  );
  await assert.rejects(
    pipe(airlock.restoreStream(), [new Uint8Array([65]), "text"]),
    TypeError,
  );
  await assert.rejects(pipe(airlock.restoreStream(), [42]), TypeError);
  await assert.rejects(pipe(airlock.restoreStream(), [new ArrayBuffer(2)]), TypeError);
});

test("cancel and abort release the restorer without errors", async () => {
  const airlock = await setup();
  const a = airlock.restoreStream();
  const w = a.writable.getWriter();
  const r = a.readable.getReader();
  w.write("[EMAIL_1] and [EMA");
  assert.equal((await r.read()).value, "zoe@example.org and ");
  await r.cancel("done early");
  const b = airlock.restoreStream();
  const w2 = b.writable.getWriter();
  const r2 = b.readable.getReader();
  w2.write("x [EMA");
  await r2.read();
  await w2.abort(new Error("client went away"));
  // The instance keeps working.
  assert.equal((await pipe(airlock.restoreStream(), ["[EMAIL_1]"])).join(""), "zoe@example.org");
});

test("a given vault is used; the vault is read at the first chunk", async () => {
  const airlock = await createAirlock({ policy });
  const vault = airlock.newVault();
  const stream = airlock.restoreStream({ vault });
  // Redacted after the stream was made, before its first chunk.
  airlock.redact("to ana@example.com", { vault });
  const out = await pipe(stream, ["[EMAIL_1]"]);
  assert.equal(out.join(""), "ana@example.com");
  // The instance vault knows nothing of it.
  assert.equal((await pipe(airlock.restoreStream(), ["[EMAIL_1]"])).join(""), "[EMAIL_1]");
});

test("bad options are TypeErrors", async () => {
  const airlock = await setup();
  assert.throws(() => airlock.restoreStream(null), TypeError);
  assert.throws(() => airlock.restoreStream({ vault: {} }), TypeError);
  assert.throws(() => airlock.restoreStream("x"), TypeError);
});

test("a disposed vault errors the stream with vault_disposed", async () => {
  const airlock = await createAirlock({ policy });
  const vault = airlock.newVault();
  vault.dispose();
  await assert.rejects(
    pipe(airlock.restoreStream({ vault }), ["x"]),
    (e) => e.code === "vault_disposed",
  );
});

test("the Wasm restorer is freed on flush, cancel, abort and error", async () => {
  const airlock = await setup();
  const { vault, counts } = countingVault(airlock);

  await pipe(airlock.restoreStream({ vault }), ["a", "b"]);
  assert.deepEqual(counts, { made: 1, freed: 1 });

  const a = airlock.restoreStream({ vault });
  const ra = a.readable.getReader();
  a.writable.getWriter().write("x");
  await ra.read();
  await ra.cancel();
  assert.deepEqual(counts, { made: 2, freed: 2 });

  const b = airlock.restoreStream({ vault });
  const rb = b.readable.getReader();
  const wb = b.writable.getWriter();
  wb.write("x");
  await rb.read();
  await wb.abort(new Error("gone"));
  assert.deepEqual(counts, { made: 3, freed: 3 });

  await assert.rejects(pipe(airlock.restoreStream({ vault }), ["x", 1]));
  assert.deepEqual(counts, { made: 4, freed: 4 });
});
