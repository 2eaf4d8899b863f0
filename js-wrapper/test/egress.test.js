// checkUrl, guardFetch against real local HTTP servers, and audit events.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createAirlock, AirlockError } from "../dist/node.js";

/** A loopback server that records every connection and request. */
async function server(handler) {
  const log = { connections: 0, requests: [] };
  const srv = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    log.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
    handler(req, res, body);
  });
  srv.on("connection", () => log.connections++);
  await new Promise((r) => srv.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${srv.address().port}`;
  return { origin, log, close: () => new Promise((r) => srv.close(r)) };
}

let allowed;
let denied;
let airlock;
let events;

before(async () => {
  denied = await server((req, res) => res.end("should never be reached"));
  allowed = await server((req, res, body) => {
    if (req.url === "/redirect-out") {
      res.writeHead(302, { location: `${denied.origin}/stolen` }).end();
    } else if (req.url === "/redirect-in") {
      res.writeHead(307, { location: "/echo" }).end();
    } else if (req.url === "/loop") {
      res.writeHead(302, { location: "/loop" }).end();
    } else {
      res.writeHead(200, { "content-type": "text/plain" }).end(body);
    }
  });
  events = [];
  airlock = await createAirlock({
    policy: {
      version: 1,
      defaultAction: "label",
      detectors: { secret: { action: "block" } },
      egress: { allow: [`${allowed.origin}/*`] },
    },
    onAudit: (e) => events.push(e),
  });
});

after(async () => {
  await allowed.close();
  await denied.close();
});

test("checkUrl: components, not substrings, decide", () => {
  const base = allowed.origin;
  assert.equal(airlock.checkUrl(`${base}/x`).allowed, true);
  assert.equal(airlock.checkUrl("/x", { base }).allowed, true);
  for (const [url, reason] of [
    [`${base}@evil.example/x`, "credentials"],
    [`http://evil.example/${base}`, "not_allowed"],
    ["http://127.0.0.2/x", "private_network"],
    ["http://169.254.169.254/latest/meta-data/", "private_network"],
    ["data:text/plain,hi", "scheme"],
    ["not a url", "invalid_url"],
  ]) {
    const v = airlock.checkUrl(url);
    assert.equal(v.allowed, false, url);
    assert.equal(v.reason, reason, url);
  }
});

test("guardFetch sends an allowed request with the body redacted", async () => {
  const safeFetch = airlock.guardFetch(fetch);
  const res = await safeFetch(`${allowed.origin}/echo`, {
    method: "POST",
    body: "reply to ana@example.com",
  });
  assert.equal(await res.text(), "reply to [EMAIL]");
  assert.equal(allowed.log.requests.at(-1).body, "reply to [EMAIL]");
});

test("guardFetch redacts JSON string values and keeps the structure", async () => {
  const safeFetch = airlock.guardFetch(fetch);
  // Written as text: a number beyond double precision must survive too.
  const body = '{"to":"ana@example.com","n":12345678901234567890,"nested":["b@c.example"]}';
  const res = await safeFetch(new Request(`${allowed.origin}/echo`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  }));
  const sent = await res.text();
  assert.equal(sent, '{"to":"[EMAIL]","n":12345678901234567890,"nested":["[EMAIL]"]}');
});

test("a denied host never receives a connection", async () => {
  const safeFetch = airlock.guardFetch(fetch);
  const before = denied.log.connections;
  await assert.rejects(
    safeFetch(`${denied.origin}/x`, { method: "POST", body: "hi" }),
    (e) => e instanceof AirlockError && e.code === "not_allowed" && e.reason === "private_network",
  );
  assert.equal(denied.log.connections, before);
});

test("a redirect to a denied host is refused, not followed", async () => {
  const safeFetch = airlock.guardFetch(fetch);
  await assert.rejects(safeFetch(`${allowed.origin}/redirect-out`), (e) => e.code === "not_allowed");
  assert.equal(denied.log.connections, 0);
});

test("an allowed redirect is re-checked and followed; loops stop", async () => {
  const safeFetch = airlock.guardFetch(fetch, { maxRedirects: 3 });
  const n = events.length;
  const res = await safeFetch(`${allowed.origin}/redirect-in`, { method: "POST", body: "x@y.example" });
  assert.equal(await res.text(), "[EMAIL]");
  const hops = events.slice(n).filter((e) => e.event.action === "egress");
  assert.equal(hops.length, 2);
  await assert.rejects(safeFetch(`${allowed.origin}/loop`), (e) => e.reason === "too_many_redirects");
});

test("blocked content or an unreadable body: nothing is sent", async () => {
  const safeFetch = airlock.guardFetch(fetch);
  const sent = allowed.log.requests.length;
  await assert.rejects(
    safeFetch(`${allowed.origin}/echo`, { method: "POST", body: "key AKIAZ7Q2XK4PLM3RT6VW" }),
    (e) => e.code === "blocked",
  );
  const form = new FormData();
  form.set("f", "ana@example.com");
  await assert.rejects(
    safeFetch(`${allowed.origin}/echo`, { method: "POST", body: form }),
    (e) => e.reason === "opaque_body",
  );
  assert.equal(allowed.log.requests.length, sent);
});

test("provider endpoints: request redacted as the provider's JSON, reply restored", async () => {
  const tokenizing = await createAirlock({
    policy: {
      version: 1,
      defaultAction: "tokenize",
      egress: { allow: ["https://api.openai.com/v1/*"] },
    },
  });
  // The provider is stood in for by the local server: the guarded fetch
  // checks and redacts for api.openai.com, the transport goes to loopback.
  const transport = (url, init) =>
    fetch(`${allowed.origin}/echo`, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers)) } }).then(
      async (r) => {
        const request = JSON.parse(await r.text());
        const said = request.messages[0].content;
        return new Response(
          JSON.stringify({ model: request.model, choices: [{ index: 0, message: { role: "assistant", content: `You wrote: ${said}` } }] }),
          { headers: { "content-type": "application/json" } },
        );
      },
    );
  const safeFetch = tokenizing.guardFetch(transport);
  const res = await safeFetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "mail ana@example.com" }] }),
  });
  const sent = JSON.parse(allowed.log.requests.at(-1).body);
  assert.equal(sent.model, "gpt-4o");
  assert.equal(sent.messages[0].content, "mail [EMAIL_1]");
  const reply = await res.json();
  assert.equal(reply.choices[0].message.content, "You wrote: mail ana@example.com");
});

test("audit events follow ECS and carry no values", async () => {
  const n = events.length;
  airlock.redact("card 4111 1111 1111 1111 for ana@example.com");
  assert.throws(() => airlock.redact("AKIAZ7Q2XK4PLM3RT6VW"));
  airlock.checkUrl(`${allowed.origin}/path?token=abc123secret#frag`);
  const fresh = events.slice(n);
  assert.equal(fresh.length, 3);
  for (const e of fresh) {
    assert.ok(e["@timestamp"] && e.ecs.version && e.event.action && e.observer.product);
    assert.match(e.airlock.policy_hash, /^[0-9a-f]{64}$/);
  }
  assert.deepEqual(fresh[0].airlock.kinds, { payment_card: 1, email: 1 });
  assert.equal(fresh[1].event.reason, "blocked");
  assert.deepEqual(fresh[1].event.type, ["denied"]);
  assert.equal(fresh[2].url.path, "/path");
  const shown = JSON.stringify(fresh);
  for (const value of ["4111", "ana@example.com", "AKIAZ7Q2", "abc123secret", "frag"]) {
    assert.ok(!shown.includes(value), value);
  }
});

test("the reported version is the package's", async () => {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
  airlock.checkUrl(allowed.origin);
  assert.equal(events.at(-1).observer.version, pkg.version);
});
