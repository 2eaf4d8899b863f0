// The unpacked extension in headless Chromium: the bundled demo chat, the
// options page, and a stand-in for a chat site served through routing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { build } from "../build.mjs";

const EMAIL = "jane.doe@example.com";
const KEY = "AKIAZ7Q2XK4PLM3RT6VW";
const PROMPT = `Mail ${EMAIL} and use ${KEY} to deploy.`;
const REDACTED = "Mail [EMAIL] and use [SECRET] to deploy.";

let work;
let context;
let worker;
let base;

before(async () => {
  work = await mkdtemp(join(tmpdir(), "airlock-extension-"));
  const extension = build(join(work, "extension"));
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: process.env.AIRLOCK_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent("serviceworker");
  base = `chrome-extension://${new URL(worker.url()).host}/`;
});

after(async () => {
  await context?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Sets the stored policy directly, as the options page would. */
async function storePolicy(policy) {
  await worker.evaluate(
    async (text) => {
      if (text === undefined) await chrome.storage.local.remove("policy");
      else await chrome.storage.local.set({ policy: text });
    },
    policy === undefined ? undefined : JSON.stringify(policy),
  );
}

/** Opens the demo chat in a fresh tab. */
async function openDemo() {
  const page = await context.newPage();
  await page.goto(base + "demo.html");
  return page;
}

/** The notice's title and counts, once it shows `level`. */
async function notice(page, level) {
  const box = page.locator(`airlock-notice .box.${level}`);
  await box.waitFor();
  return {
    title: await box.locator(".title").textContent(),
    detail: await box.locator(".detail").textContent(),
    counts: Object.fromEntries(
      await box
        .locator("li")
        .evaluateAll((items) =>
          items.map((li) => [li.dataset.kind, Number(li.dataset.count)]),
        ),
    ),
  };
}

test("the service worker is the extension's module worker", () => {
  assert.match(
    worker.url(),
    /^chrome-extension:\/\/[a-p]{32}\/background\.js$/,
  );
});

test("Enter: the demo chat sends the redacted prompt", async () => {
  await storePolicy(undefined);
  const page = await openDemo();
  await page.fill("#prompt", PROMPT);
  await page.press("#prompt", "Enter");

  await page.locator("#sent li").waitFor();
  assert.deepEqual(await page.locator("#sent li").allTextContents(), [
    REDACTED,
  ]);
  assert.deepEqual(await notice(page, "info"), {
    title: "Airlock redacted before sending:",
    detail: "",
    counts: { email: 1, secret: 1 },
  });
  const shown = await page
    .locator("airlock-notice")
    .evaluate((host) => host.shadowRoot.textContent);
  assert.ok(!shown.includes(EMAIL) && !shown.includes(KEY));
  await page.close();
});

test("the Send button: the demo chat sends the redacted prompt", async () => {
  const page = await openDemo();
  await page.fill("#prompt", `first line\nsecond: ${EMAIL}`);
  await page.click("#send");

  await page.locator("#sent li").waitFor();
  assert.deepEqual(await page.locator("#sent li").allTextContents(), [
    "first line\nsecond: [EMAIL]",
  ]);
  assert.deepEqual((await notice(page, "info")).counts, { email: 1 });

  // Shift+Enter is a new line, not a send.
  await page.fill("#prompt", "no secrets here");
  await page.press("#prompt", "Shift+Enter");
  await page.press("#prompt", "Enter");
  await page.locator("#sent li").nth(1).waitFor();
  assert.equal(
    await page.locator("#sent li").nth(1).textContent(),
    "no secrets here\n",
  );
  await page.close();
});

test("values the policy allows are sent and not counted", async () => {
  await storePolicy({ version: 1, allow: [EMAIL] });
  const page = await openDemo();
  await page.fill("#prompt", PROMPT);
  await page.press("#prompt", "Enter");
  await page.locator("#sent li").waitFor();
  assert.equal(
    await page.textContent("#sent li"),
    `Mail ${EMAIL} and use [SECRET] to deploy.`,
  );
  assert.deepEqual((await notice(page, "info")).counts, { secret: 1 });
  await page.close();

  // Nothing redacted, no notice.
  const clean = await openDemo();
  await clean.fill("#prompt", `just ${EMAIL}`);
  await clean.press("#prompt", "Enter");
  await clean.locator("#sent li").waitFor();
  assert.equal(await clean.locator("airlock-notice").count(), 0);
  await storePolicy(undefined);
  await clean.close();
});

test("options: a bad policy shows its path and is not saved", async () => {
  await storePolicy(undefined);
  const page = await context.newPage();
  await page.goto(base + "options.html");
  await page.locator("body[data-ready]").waitFor();

  await page.fill(
    "#policy",
    JSON.stringify({ version: 1, custom: [{ id: "t", pattern: "(TICKET-" }] }),
  );
  await page.click("#save");
  await page.locator("#error").waitFor();
  assert.equal(await page.textContent("#error .code"), "policy_pattern");
  assert.equal(await page.textContent("#error .path"), "at custom[0].pattern");
  assert.equal(await page.textContent("#result"), "Not saved.");
  const stored = await worker.evaluate(() =>
    chrome.storage.local.get("policy"),
  );
  assert.deepEqual(stored, {});
  await page.close();
});

test("options: egress entries load the egress module; a bad one names its path", async () => {
  const options = await context.newPage();
  await options.goto(base + "options.html");
  await options.locator("body[data-ready]").waitFor();
  const egressFetches = [];
  options.on("request", (r) => {
    if (r.url().endsWith("/airlock_egress_bg.wasm")) egressFetches.push(r.url());
  });

  await options.fill(
    "#policy",
    JSON.stringify({ version: 1, egress: { allow: ["https://ok.example/*", "/v1/*"] } }),
  );
  await options.click("#save");
  await options.locator("#error").waitFor();
  assert.equal(await options.textContent("#error .code"), "policy_pattern");
  assert.equal(await options.textContent("#error .path"), "at egress.allow[1]");
  assert.equal(egressFetches.length, 1);

  await options.fill(
    "#policy",
    JSON.stringify({ version: 1, egress: { allow: ["https://api.openai.com/v1/*"] } }),
  );
  await options.click("#save");
  await options.locator("#result", { hasText: /^Saved/ }).waitFor();
  assert.equal(await options.isHidden("#error"), true);
  await options.close();

  // The service worker loads it too, and redacts as before.
  const page = await openDemo();
  await page.fill("#prompt", PROMPT);
  await page.press("#prompt", "Enter");
  await page.locator("#sent li").waitFor();
  assert.equal(await page.textContent("#sent li"), REDACTED);
  await storePolicy(undefined);
  await page.close();
});

test("options: a blocking policy stops the send and says why", async () => {
  const options = await context.newPage();
  await options.goto(base + "options.html");
  await options.locator("body[data-ready]").waitFor();
  await options.fill(
    "#policy",
    JSON.stringify({ version: 1, detectors: { secret: { action: "block" } } }),
  );
  await options.click("#save");
  await options.locator("#result", { hasText: "Saved" }).waitFor();
  assert.equal(await options.isHidden("#error"), true);
  await options.close();

  const page = await openDemo();
  await page.fill("#prompt", PROMPT);
  await page.press("#prompt", "Enter");
  const shown = await notice(page, "error");
  assert.equal(shown.title, "Not sent: the policy blocks secret.");
  assert.equal(await page.locator("#sent li").count(), 0);
  assert.equal(await page.inputValue("#prompt"), PROMPT, "left for editing");

  // A prompt without the blocked kind still goes, redacted.
  await page.fill("#prompt", `only ${EMAIL}`);
  await page.click("#send");
  await page.locator("#sent li").waitFor();
  assert.equal(await page.textContent("#sent li"), "only [EMAIL]");
  await page.close();
});

test("a stored policy that does not compile stops every send", async () => {
  await storePolicy({ version: 2 });
  const page = await openDemo();
  await page.fill("#prompt", "hello");
  await page.press("#prompt", "Enter");
  const shown = await notice(page, "error");
  assert.equal(shown.title, "Not sent: the Airlock policy is invalid.");
  assert.match(shown.detail, /^at version: /);
  assert.equal(await page.locator("#sent li").count(), 0);
  await storePolicy(undefined);
  await page.close();
});

test("on a chat site, a contenteditable prompt is redacted", async () => {
  // A stand-in for chatgpt.com, whose composer is a contenteditable.
  await context.route("https://chatgpt.com/**", (route) =>
    route.fulfill({ contentType: "text/html", body: CHAT_SITE }),
  );
  await storePolicy(undefined);
  const page = await context.newPage();
  await page.goto("https://chatgpt.com/");

  // The content script runs at document_start, before the page's own.
  await page.locator("#prompt-textarea").fill(PROMPT);
  await page.click('button[data-testid="send-button"]');
  await page.locator("#sent li").waitFor();
  assert.equal(await page.textContent("#sent li"), REDACTED);
  assert.deepEqual((await notice(page, "info")).counts, {
    email: 1,
    secret: 1,
  });

  await page.locator("#prompt-textarea").fill(`key ${KEY}`);
  await page.press("#prompt-textarea", "Enter");
  await page.locator("#sent li").nth(1).waitFor();
  assert.equal(
    await page.locator("#sent li").nth(1).textContent(),
    "key [SECRET]",
  );
  await page.close();
});

const CHAT_SITE = `<!doctype html>
<title>chat</title>
<ol id="sent"></ol>
<div id="prompt-textarea" contenteditable="true"></div>
<button data-testid="send-button">Send</button>
<script>
  const field = document.getElementById("prompt-textarea");
  const sent = document.getElementById("sent");
  function send() {
    const item = document.createElement("li");
    item.textContent = field.innerText;
    sent.append(item);
    field.textContent = "";
  }
  document.querySelector("[data-testid=send-button]").onclick = send;
  field.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      send();
    }
  });
</script>`;
