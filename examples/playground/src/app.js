/**
 * The playground: compiles the policy as it is typed, then scans and
 * redacts the prompt, live. Nothing is sent or stored.
 */

import { Airlock, createAirlock } from "./vendor/llm-airlock/dist/browser.js";
import { renderHighlights, renderRedacted, renderTable } from "./render.js";

const $ = (selector) => document.querySelector(selector);
const ui = {
  status: $("#status"),
  outputs: $("#outputs"),
  prompt: $("#prompt"),
  policy: $("#policy"),
  policyError: $("#policy-error"),
  blocked: $("#blocked"),
  redacted: $("#redacted"),
  highlighted: $("#highlighted"),
  findings: $("#findings tbody"),
  noFindings: $("#no-findings"),
};

const BLOCK_SECRETS = {
  version: 1,
  detectors: { secret: { action: "block" } },
};

/** The compiled policy, kept while its text does not change. */
let current = { text: undefined, airlock: undefined };
/** Bumped per update, so a slow one never overwrites a newer one. */
let generation = 0;

/**
 * The Airlock for the policy text, compiled once per distinct text.
 *
 * @throws {import("./vendor/llm-airlock/dist/index.js").AirlockError}
 */
async function airlockFor(text) {
  if (current.text === text) return current.airlock;
  const airlock = await createAirlock(text === "" ? {} : { policy: text });
  current.airlock?.dispose();
  current = { text, airlock };
  return airlock;
}

async function update() {
  const mine = ++generation;
  const prompt = ui.prompt.value;
  let airlock;
  try {
    airlock = await airlockFor(ui.policy.value.trim());
  } catch (e) {
    if (mine === generation) showPolicyError(e);
    return;
  }
  if (mine !== generation) return;
  showPolicyError(undefined);
  ui.status.textContent = "ready";
  ui.status.dataset.state = "ready";

  const findings = airlock.scan(prompt);
  renderHighlights(ui.highlighted, prompt, findings);
  ui.noFindings.hidden = findings.length > 0;

  let replacements = new Map();
  try {
    const result = airlock.redact(prompt);
    renderRedacted(ui.redacted, prompt, result);
    replacements = new Map(
      result.findings.map((f) => [f.start, f.replacement]),
    );
    ui.blocked.hidden = true;
    ui.redacted.hidden = false;
  } catch (e) {
    if (e?.code !== "blocked") throw e;
    ui.blocked.textContent =
      `Blocked: the policy blocks ${e.kinds.join(", ")}. ` +
      "Nothing would be sent.";
    ui.blocked.hidden = false;
    ui.redacted.hidden = true;
    ui.redacted.textContent = "";
  }
  renderTable(ui.findings, findings, replacements);
}

/** Shows a policy error with its code and path, or hides it. */
function showPolicyError(e) {
  ui.policy.setAttribute("aria-invalid", e ? "true" : "false");
  // Results below come from the last policy that compiled.
  ui.outputs.classList.toggle("stale", Boolean(e));
  ui.policyError.hidden = !e;
  if (!e) return;
  ui.policyError.querySelector(".code").textContent = e.code ?? "error";
  const path = e.path && e.path !== "?" ? e.path : "";
  ui.policyError.querySelector(".path").textContent = path ? `at ${path}` : "";
  ui.policyError.querySelector(".message").textContent = e.message;
  ui.status.textContent = "policy error";
  ui.status.dataset.state = "error";
}

/** Runs `f` once input has paused for `ms`. */
function debounce(f, ms) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(f, ms);
  };
}

function run() {
  update().catch((e) => {
    ui.status.textContent = `error: ${e.message}`;
    ui.status.dataset.state = "error";
  });
}

const later = debounce(run, 120);
ui.prompt.addEventListener("input", later);
ui.policy.addEventListener("input", later);

$("#load-sample").addEventListener("click", async () => {
  const res = await fetch("sample-prompt.txt");
  ui.prompt.value = await res.text();
  run();
});
$("#load-default").addEventListener("click", async () => {
  // defaultPolicy() needs the engine loaded, which any Airlock does.
  await airlockFor("");
  ui.policy.value = JSON.stringify(Airlock.defaultPolicy(), null, 2);
  run();
});
$("#load-block").addEventListener("click", () => {
  ui.policy.value = JSON.stringify(BLOCK_SECRETS, null, 2);
  run();
});

run();
