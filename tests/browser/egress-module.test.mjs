// The egress allowlist's Wasm module in headless Chromium: fetched next to
// the package's module only for a policy with egress.allow entries, once
// per page; without entries every URL is denied and nothing is fetched.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveStatic, launchChromium, packageDir } from "../lib/browser.mjs";

let site;
let browser;

before(async () => {
  site = await serveStatic({ "/pkg/": packageDir });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh page, and the list of its fetches of the egress module. */
async function openPage() {
  const page = await browser.context.newPage();
  const fetched = [];
  page.on("request", (r) => {
    if (r.url().endsWith("/airlock_egress_bg.wasm")) fetched.push(r.url());
  });
  await page.goto(site.origin + "/");
  return { page, fetched };
}

test("without egress entries the egress module is never fetched", async () => {
  const { page, fetched } = await openPage();
  const result = await page.evaluate(async () => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const out = [];
    for (const policy of [undefined, { version: 1, egress: { allow: [] } }]) {
      const airlock = await createAirlock(policy === undefined ? {} : { policy });
      out.push(airlock.checkUrl("https://api.openai.com/v1/chat"));
      const safeFetch = airlock.guardFetch(() => {
        throw new Error("sent");
      });
      try {
        await safeFetch("https://api.openai.com/v1/chat", { method: "POST", body: "x" });
        out.push("sent");
      } catch (e) {
        out.push({ code: e.code, reason: e.reason });
      }
    }
    return out;
  });
  const denied = { allowed: false, reason: "not_allowed" };
  const refused = { code: "not_allowed", reason: "not_allowed" };
  assert.deepEqual(result, [denied, refused, denied, refused]);
  assert.deepEqual(fetched, []);
  await page.close();
});

test("egress entries fetch the module once, next to the package's", async () => {
  const { page, fetched } = await openPage();
  const result = await page.evaluate(async () => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const errors = [];
    for (const allow of [["https://ok.example/*", "/relative"], ["ftp://x.example/*"]]) {
      try {
        await createAirlock({ policy: { version: 1, egress: { allow } } });
      } catch (e) {
        errors.push({ code: e.code, path: e.path });
      }
    }
    const airlock = await createAirlock({
      policy: { version: 1, egress: { allow: ["https://api.openai.com/v1/*"] } },
    });
    return {
      errors,
      allowed: airlock.checkUrl("https://api.openai.com/v1/chat"),
      denied: airlock.checkUrl("https://api.openai.com.evil.example/v1/chat").reason,
    };
  });
  assert.deepEqual(result.errors, [
    { code: "policy_pattern", path: "egress.allow[1]" },
    { code: "policy_invalid", path: "egress.allow[0]" },
  ]);
  assert.deepEqual(result.allowed, {
    allowed: true,
    reason: "allowed",
    url: "https://api.openai.com/v1/chat",
    rule: 0,
  });
  assert.equal(result.denied, "not_allowed");
  assert.deepEqual(fetched, [`${site.origin}/pkg/wasm/airlock_egress_bg.wasm`]);
  await page.close();
});
