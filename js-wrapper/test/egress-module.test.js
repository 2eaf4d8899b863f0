// The egress allowlist is a Wasm module of its own, read only for a policy
// with egress.allow entries. Its own file, so its own process: the module
// is loaded once per process, and the first tests must see none loaded.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";

// Count the package's reads of each module: dist/node.js reads them with
// fs' readFileSync, whose ESM binding follows the CommonJS one once synced.
const reads = [];
const readFileSync = fs.readFileSync;
fs.readFileSync = function (path, ...rest) {
  reads.push(String(path));
  return readFileSync.call(this, path, ...rest);
};
syncBuiltinESMExports();
const { createAirlock, AirlockError } = await import("../dist/node.js");

const egressReads = () => reads.filter((p) => p.endsWith("/airlock_egress_bg.wasm")).length;
const DENIED = { allowed: false, reason: "not_allowed" };

test("without egress entries the egress module is never read, and every URL is denied", async () => {
  const policies = [
    undefined,
    { version: 1, defaultAction: "redact" },
    { version: 1, egress: {} },
    { version: 1, egress: { allow: [] } },
    '{"version":1,"egress":{"allow":[]}}',
  ];
  for (const policy of policies) {
    const events = [];
    const airlock = await createAirlock({
      ...(policy === undefined ? {} : { policy }),
      // Would fail to load: it must not be asked for.
      egressWasm: new URL("file:///nonexistent/airlock_egress_bg.wasm"),
      onAudit: (e) => events.push(e),
    });
    for (const url of ["https://api.openai.com/v1/chat", "http://127.0.0.1/", "not a url"]) {
      assert.deepEqual(airlock.checkUrl(url), DENIED, url);
    }
    assert.equal(events.length, 3);
    assert.equal(events[0].event.action, "egress");
    assert.equal(events[0].event.reason, "not_allowed");

    let sent = 0;
    const safeFetch = airlock.guardFetch(async () => {
      sent++;
      return new Response("reached");
    });
    await assert.rejects(
      safeFetch("https://api.openai.com/v1/chat", { method: "POST", body: "hi" }),
      (e) => e instanceof AirlockError && e.code === "not_allowed" && e.reason === "not_allowed",
    );
    assert.equal(sent, 0);
    airlock.dispose();
  }
  assert.ok(reads.some((p) => p.endsWith("/airlock_bg.wasm")), "the engine was read");
  assert.equal(egressReads(), 0);
});

test("an egress section of the wrong shape fails as in one module", async () => {
  await assert.rejects(
    createAirlock({ policy: { version: 1, egress: { allow: [1] } } }),
    (e) => e instanceof AirlockError && e.code === "policy_syntax" && e.path === "egress.allow[0]",
  );
  // The engine's checks come first, as in one module.
  await assert.rejects(
    createAirlock({
      policy: {
        version: 1,
        custom: [{ id: "x", pattern: "(" }],
        egress: { allow: ["/relative"] },
      },
    }),
    (e) => e.code === "policy_pattern" && e.path === "custom[0].pattern",
  );
});

test("a malformed egress entry fails createAirlock with its code and path", async () => {
  const cases = [
    [["https://ok.example/*", "/relative"], "policy_pattern", "egress.allow[1]"],
    [["https://[unclosed/*"], "policy_pattern", "egress.allow[0]"],
    [["ftp://files.example/*"], "policy_invalid", "egress.allow[0]"],
    [["https://user:pw@api.example/*"], "policy_invalid", "egress.allow[0]"],
    [Array.from({ length: 257 }, (_, i) => `https://h${i}.example/*`), "policy_too_large", "egress.allow"],
  ];
  for (const [allow, code, path] of cases) {
    await assert.rejects(
      createAirlock({ policy: { version: 1, egress: { allow } } }),
      (e) => e instanceof AirlockError && e.code === code && e.path === path,
      `${code} ${path}`,
    );
  }
});

test("with entries the module is read once per process and checks as before", async () => {
  for (let i = 0; i < 2; i++) {
    const airlock = await createAirlock({
      policy: { version: 1, egress: { allow: ["https://api.openai.com/v1/*"] } },
    });
    assert.deepEqual(airlock.checkUrl("https://API.openai.com:443/v1/chat#x"), {
      allowed: true,
      reason: "allowed",
      url: "https://api.openai.com/v1/chat",
      rule: 0,
    });
    assert.equal(airlock.checkUrl("https://api.openai.com@evil.example/v1/").reason, "credentials");
    assert.equal(airlock.checkUrl("not a url").reason, "invalid_url");
    airlock.dispose();
    assert.throws(() => airlock.checkUrl("https://api.openai.com/v1/chat"), (e) => e.code === "internal");
  }
  assert.equal(egressReads(), 1);
});

test("the engine module carries no URL parser", () => {
  const engine = readFileSync(new URL("../wasm/airlock_bg.wasm", import.meta.url));
  const egress = readFileSync(new URL("../wasm/airlock_egress_bg.wasm", import.meta.url));
  // Panic locations name the source files of the crates linked in; the
  // egress module shows that the check can see them.
  for (const crate of ["urlpattern", "idna"]) {
    assert.ok(egress.includes(crate), `the egress module has ${crate}`);
    assert.ok(!engine.includes(crate), `the engine has ${crate}`);
  }
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(engine)).map((e) => e.name);
  assert.ok(!exports.some((name) => /checkurl/i.test(name)), exports.join(" "));
});
