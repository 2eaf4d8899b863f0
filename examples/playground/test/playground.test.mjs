// The playground in headless Chromium: built, served on loopback, typed
// into like a person would.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { build } from "../build.mjs";
import { serve } from "../serve.mjs";

const EMAIL = "jane.doe@example.com";
const KEY = "AKIAZ7Q2XK4PLM3RT6VW";
const PROMPT = `Mail ${EMAIL} and use ${KEY} to deploy.`;

let out;
let server;
let browser;
let page;
const pageErrors = [];

before(async () => {
  out = await mkdtemp(join(tmpdir(), "airlock-playground-"));
  server = await serve({ root: build(out), port: 0 });
  browser = await chromium.launch({
    executablePath: process.env.AIRLOCK_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.locator("#status[data-state=ready]").waitFor();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/** Empties both fields, then types the prompt and the policy. */
async function enter(prompt, policy = "") {
  await page.fill("#policy", policy);
  await page.fill("#prompt", "");
  await page.locator("#prompt").pressSequentially(prompt);
}

test("shows the redacted text and highlights the findings", async () => {
  await enter(PROMPT);
  // Updates are debounced: wait for the one after the last keystroke.
  await page.waitForFunction(
    (expected) => document.querySelector("#redacted").textContent === expected,
    "Mail [EMAIL] and use [SECRET] to deploy.",
  );

  const marks = await page.$$eval("#highlighted mark", (ms) =>
    ms.map((m) => ({ text: m.textContent, ...m.dataset })),
  );
  assert.deepEqual(marks, [
    { text: EMAIL, kind: "email", detector: "email", action: "label" },
    { text: KEY, kind: "secret", detector: "aws_access_key", action: "label" },
  ]);
  assert.equal(await page.textContent("#highlighted"), PROMPT);

  const rows = await page.$$eval("#findings tbody tr", (rs) =>
    rs.map((r) => [...r.cells].map((c) => c.textContent)),
  );
  assert.deepEqual(rows, [
    ["email", "email", "label", "5–25", "[EMAIL]"],
    ["secret", "aws_access_key", "label", "34–54", "[SECRET]"],
  ]);
  assert.equal(await page.isHidden("#policy-error"), true);
});

test("a bad policy shows its code and path, and a fix clears it", async () => {
  await enter(PROMPT);
  await page.fill(
    "#policy",
    JSON.stringify({ version: 1, custom: [{ id: "t", pattern: "(TICKET-" }] }),
  );
  const error = page.locator("#policy-error");
  await error.waitFor({ state: "visible" });
  assert.equal(await error.locator(".code").textContent(), "policy_pattern");
  assert.equal(
    await error.locator(".path").textContent(),
    "at custom[0].pattern",
  );
  assert.equal(await page.getAttribute("#policy", "aria-invalid"), "true");
  assert.equal(await page.textContent("#status"), "policy error");

  await page.fill("#policy", '{ "version": 1, "detectors": { "nope": {} } }');
  await page.locator("#policy-error .path", { hasText: "detectors" }).waitFor();

  await page.fill("#policy", '{ "version": 1 }');
  await error.waitFor({ state: "hidden" });
  assert.equal(await page.getAttribute("#policy", "aria-invalid"), "false");
});

test("a blocking policy says nothing would be sent", async () => {
  await enter(PROMPT);
  await page.click("#load-block");
  const blocked = page.locator("#blocked");
  await blocked.waitFor({ state: "visible" });
  assert.match(await blocked.textContent(), /blocks secret/);
  assert.equal(await page.isHidden("#redacted"), true);
  assert.equal(
    await page.getAttribute(
      "#highlighted mark[data-kind=secret]",
      "data-action",
    ),
    "block",
  );
});

test("the sample prompt and the default policy load", async () => {
  await page.fill("#policy", "");
  await page.click("#load-sample");
  await page.waitForFunction(() => {
    const sent = document.querySelector("#redacted").textContent;
    return sent.includes("AWS_ACCESS_KEY_ID=[SECRET]");
  });

  await page.click("#load-default");
  await page.waitForFunction(
    () => document.querySelector("#policy").value !== "",
  );
  const policy = JSON.parse(await page.inputValue("#policy"));
  assert.equal(policy.version, 1);
  assert.deepEqual(pageErrors, []);
});
