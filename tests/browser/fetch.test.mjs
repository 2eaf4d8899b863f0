// guardFetch in headless Chromium against real local servers: an allowed
// call goes out redacted, a denied host never sees a connection, and a
// redirect is refused (a browser hides where a manual redirect goes).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { serveStatic, launchChromium, packageDir } from "../lib/browser.mjs";

async function apiServer(handler) {
  const log = { connections: 0, bodies: [] };
  const srv = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("access-control-allow-headers", "content-type");
    if (req.method === "OPTIONS") return res.writeHead(204).end();
    log.bodies.push(body);
    handler(req, res, body);
  });
  srv.on("connection", () => log.connections++);
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  return {
    origin: `http://127.0.0.1:${srv.address().port}`,
    log,
    close: () => new Promise((r) => srv.close(r)),
  };
}

let page;
let site;
let browser;
let allowed;
let denied;

before(async () => {
  denied = await apiServer((req, res) => res.end("reached"));
  allowed = await apiServer((req, res, body) => {
    if (req.url === "/redirect") {
      res.writeHead(302, { location: `${denied.origin}/x` }).end();
    } else {
      res.writeHead(200, { "content-type": "text/plain" }).end(body);
    }
  });
  site = await serveStatic({ "/pkg/": packageDir });
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.goto(site.origin + "/");
  await page.evaluate(async (allowedOrigin) => {
    const { createAirlock } = await import("/pkg/dist/browser.js");
    const airlock = await createAirlock({
      policy: { version: 1, egress: { allow: [`${allowedOrigin}/*`] } },
    });
    globalThis.safeFetch = airlock.guardFetch();
  }, allowed.origin);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await allowed?.close();
  await denied?.close();
});

test("an allowed call passes with a redacted body", async () => {
  const echoed = await page.evaluate(async (url) => {
    const res = await globalThis.safeFetch(url, { method: "POST", body: "to ana@example.com" });
    return res.text();
  }, `${allowed.origin}/echo`);
  assert.equal(echoed, "to [EMAIL]");
  assert.equal(allowed.log.bodies.at(-1), "to [EMAIL]");
});

test("a denied host never receives a connection", async () => {
  const error = await page.evaluate(async (url) => {
    try {
      await globalThis.safeFetch(url, { method: "POST", body: "x" });
      return null;
    } catch (e) {
      return { code: e.code, reason: e.reason };
    }
  }, `${denied.origin}/x`);
  assert.deepEqual(error, { code: "not_allowed", reason: "private_network" });
  assert.equal(denied.log.connections, 0);
});

test("a redirect to a denied host is refused", async () => {
  const error = await page.evaluate(async (url) => {
    try {
      await globalThis.safeFetch(url);
      return null;
    } catch (e) {
      return e.code;
    }
  }, `${allowed.origin}/redirect`);
  assert.equal(error, "not_allowed");
  assert.equal(denied.log.connections, 0);
});
