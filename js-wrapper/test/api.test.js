// The package's API, run against the built dist (what ships).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAirlock, Airlock, AirlockError } from "../dist/node.js";

test("scan reports UTF-16 offsets that slice out the value", async () => {
  const airlock = await createAirlock();
  const text = "😀 客户 mail: li@example.org!";
  const [f] = airlock.scan(text);
  assert.equal(f.kind, "email");
  assert.equal(text.slice(f.start, f.end), "li@example.org");
});

test("redact returns safe text and what it did", async () => {
  const airlock = await createAirlock({
    policy: { version: 1, defaultAction: "redact" },
  });
  const out = airlock.redact("to ops@example.net now");
  assert.equal(out.text, "to [REDACTED] now");
  assert.equal(out.findings[0].replacement, "[REDACTED]");
  assert.equal(out.findings[0].action, "redact");
});

test("blocked errors name kinds, never values", async () => {
  const airlock = await createAirlock({
    policy: { version: 1, detectors: { email: { action: "block" } } },
  });
  assert.throws(
    () => airlock.redact("write to secret.person@example.com"),
    (e) => {
      assert.ok(e instanceof AirlockError);
      assert.equal(e.code, "blocked");
      assert.deepEqual(e.kinds, ["email"]);
      assert.ok(!JSON.stringify({ ...e, m: e.message }).includes("secret.person"));
      return true;
    },
  );
});

test("policy errors carry a code and the path", async () => {
  await assert.rejects(
    createAirlock({
      policy: { version: 1, custom: [{ id: "t", pattern: "TCK-[0-9" }] },
    }),
    (e) => e instanceof AirlockError && e.code === "policy_pattern" && e.path === "custom[0].pattern",
  );
  await assert.rejects(
    createAirlock({ policy: "{ not json" }),
    (e) => e.code === "policy_syntax",
  );
  await assert.rejects(createAirlock({ policy: 42 }), TypeError);
});

test("bad arguments are TypeErrors, oversized text an AirlockError", async () => {
  const airlock = await createAirlock({
    policy: { version: 1, limits: { maxInputBytes: 100 } },
  });
  assert.throws(() => airlock.scan(undefined), TypeError);
  assert.throws(() => airlock.redact({ text: "x" }), TypeError);
  assert.throws(() => airlock.scan("x".repeat(101)), (e) => e.code === "input_too_large");
  // 40 euro signs are 120 UTF-8 bytes: the engine's exact check catches it.
  assert.throws(() => airlock.scan("€".repeat(40)), (e) => e.code === "input_too_large");
  assert.deepEqual(airlock.scan("x".repeat(100)), []);
});

test("lone surrogates are kept, offsets stay right", async () => {
  const airlock = await createAirlock();
  const text = "\uDC00 a@b.example \uD83D";
  const out = airlock.redact(text);
  assert.equal(out.text, "\uDC00 [EMAIL] \uD83D");
  const [f] = airlock.scan(text);
  assert.equal(text.slice(f.start, f.end), "a@b.example");
  // After other non-ASCII text, and right against the value.
  const mixed = "é\uD800 a@b.example\uDFFF €";
  assert.equal(airlock.redact(mixed).text, "é\uD800 [EMAIL]\uDFFF €");
});

test("hash is stable under one key and differs under another", async () => {
  const policy = { version: 1, defaultAction: "hash" };
  const a = await createAirlock({ policy, hashKey: "k1" });
  const b = await createAirlock({ policy, hashKey: "k1" });
  const c = await createAirlock({ policy, hashKey: "k2" });
  const text = "x@y.example";
  assert.equal(a.redact(text).text, b.redact(text).text);
  assert.notEqual(a.redact(text).text, c.redact(text).text);
  assert.match(a.redact(text).text, /^\[EMAIL:[0-9a-f]{12}\]$/);
});

test("a disposed instance refuses work", async () => {
  const airlock = await createAirlock();
  airlock.dispose();
  assert.throws(() => airlock.scan("x"), (e) => e.code === "internal");
});

test("detectors and the default policy are listed", () => {
  const ids = Airlock.detectors().map((d) => d.id);
  assert.ok(ids.includes("email"));
  assert.equal(Airlock.defaultPolicy().version, 1);
});

test("replacements of any length in UTF-16 land where their values were", async () => {
  // Masking keeps the last letters of a value: non-ASCII and astral
  // characters in a replacement must not shift the ones after it.
  const airlock = await createAirlock({
    policy: {
      version: 1,
      custom: [{ id: "team", dictionary: ["客户经理😀号"], wholeWord: false }],
      detectors: { team: { action: "mask", keep: 2 }, email: { action: "label" } },
    },
  });
  const text = "🙂 客户经理😀号 then li@example.org, 客户经理😀号!";
  const out = airlock.redact(text);
  assert.equal(out.text, "🙂 ***理😀号 then [EMAIL], ***理😀号!");
  assert.deepEqual(
    out.findings.map((f) => [f.detector, text.slice(f.start, f.end), f.replacement]),
    [
      ["team", "客户经理😀号", "***理😀号"],
      ["email", "li@example.org", "[EMAIL]"],
      ["team", "客户经理😀号", "***理😀号"],
    ],
  );
  assert.ok(airlock.scan(text).every((f) => !("replacement" in f)));
});
