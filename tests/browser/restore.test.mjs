// Streaming restore, SSE restore and the request helpers against the
// built package in headless Chromium, loaded as a web page loads it.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { loadProviderSuite } from "../lib/provider-fixtures.mjs";
import { serveStatic, launchChromium, packageDir, libDir } from "../lib/browser.mjs";

let server;
let browser;
let page;

before(async () => {
  server = await serveStatic({ "/pkg/": packageDir, "/lib/": libDir });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(server.origin + "/");
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("provider fixtures pass in Chromium", async () => {
  const suite = await loadProviderSuite();
  const { count, failures } = await page.evaluate(async (suite) => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const { runProviderCases } = await import("/lib/provider-cases.mjs");
    return runProviderCases(createAirlock, suite);
  }, suite);
  assert.equal(count, 4);
  assert.deepEqual(failures, [], `${failures.length} failed`);
});

test("streaming restore equals one-shot restore in Chromium", async () => {
  const { count, failures } = await page.evaluate(async () => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const { checkStreamingRestore } = await import("/lib/restore-checks.mjs");
    return checkStreamingRestore(createAirlock, { seed: 5, texts: 20 });
  });
  assert.ok(count > 0);
  assert.deepEqual(failures, []);
});

test("a Response body pipes through restoreStream and restoreSSE in Chromium", async () => {
  const result = await page.evaluate(async () => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const airlock = await createAirlock({ policy: { version: 1, defaultAction: "tokenize" } });
    airlock.redact("zoe@example.org");
    const plain = await new Response(
      new Response("😀 [EMAIL_1]!").body.pipeThrough(airlock.restoreStream()),
    ).text();
    const sse = await new Response(
      new Response(
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"to [EMAIL_1"}}\n\n' +
          'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
      ).body.pipeThrough(airlock.restoreSSE({ provider: "anthropic" })),
    ).text();
    return { plain, sse };
  });
  assert.equal(result.plain, "😀 zoe@example.org!");
  assert.match(result.sse, /^event: content_block_delta\ndata: .*"text":"to "\}\}\n\nevent: content_block_delta\n/);
  assert.match(result.sse, /event: content_block_stop\n/);
});
