// The cross-layer cases against the built package in headless Chromium,
// loaded the way a web page loads it: an ES module that fetches its Wasm.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { loadSuites } from "../lib/cases.mjs";
import { serveStatic, launchChromium, packageDir, libDir } from "../lib/browser.mjs";

let server;
let browser;

before(async () => {
  server = await serveStatic({ "/pkg/": packageDir, "/lib/": libDir });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("cross-layer cases pass in Chromium", async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + "/");
  const suites = await loadSuites();
  const { count, failures } = await page.evaluate(async (suites) => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const { runCases } = await import("/lib/run-cases.mjs");
    return runCases(createAirlock, suites);
  }, suites);
  assert.ok(count > 0);
  assert.deepEqual(failures, [], `${failures.length} of ${count} failed`);
});

test("lone surrogates survive redaction in Chromium", async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + "/");
  const result = await page.evaluate(async () => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const airlock = await createAirlock();
    const input = "a\uD800 x@y.example \uDC00b";
    const { text } = airlock.redact(input);
    return { text, same: text === "a\uD800 [EMAIL] \uDC00b" };
  });
  assert.ok(result.same, JSON.stringify(result.text));
});
