// The packed package as users get it: every export resolves, the public
// names stay as documented, the CLI is on its bin path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const pkgFile = require.resolve("llm-airlock/package.json");
const root = dirname(pkgFile);
const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));

test("the exports are what the README documents", () => {
  assert.deepEqual(Object.keys(pkg.exports), [
    ".",
    "./browser",
    "./node",
    "./airlock.wasm",
    "./airlock-egress.wasm",
    "./policy.schema.json",
    "./package.json",
  ]);
  assert.equal(pkg.exports["./airlock-egress.wasm"], "./wasm/airlock_egress_bg.wasm");
});

test("every exports target is in the package", () => {
  const targets = [];
  const walk = (v) => (typeof v === "string" ? targets.push(v) : Object.values(v).forEach(walk));
  walk(pkg.exports);
  for (const t of targets) assert.ok(existsSync(join(root, t)), t);
  assert.ok(existsSync(join(root, pkg.bin["llm-airlock"])));
});

test("the public API is what the README documents", async () => {
  const api = await import("llm-airlock");
  assert.deepEqual(Object.keys(api).sort(), [
    "Airlock",
    "AirlockError",
    "Vault",
    "createAirlock",
    "detectProvider",
    "detectResponseProvider",
    "pipeResponse",
    "providerForUrl",
  ]);
  const browser = await import("llm-airlock/browser");
  assert.deepEqual(Object.keys(browser).sort(), Object.keys(api).sort());
});
