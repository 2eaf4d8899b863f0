"use strict";
/**
 * The Node-RED side of llm-airlock: loads the package (ESM) from this
 * CommonJS node, and turns results into what may travel on a message.
 * Nothing here ever puts a matched value on a message or in a log.
 */

/** @type {Promise<typeof import("llm-airlock")> | undefined} */
let loading;

/**
 * Loads llm-airlock once per process. Node-RED loads nodes with
 * `require`, and the package is ESM, so it comes in through `import()`.
 *
 * @returns {Promise<typeof import("llm-airlock")>}
 */
function airlockModule() {
  loading ??= import("llm-airlock");
  return loading;
}

/**
 * Creates an Airlock for a policy typed in the editor.
 *
 * @param {string} policyText JSON text; blank means the default policy.
 * @returns {Promise<import("llm-airlock").Airlock>}
 * @throws {import("llm-airlock").AirlockError} a `policy_*` code, with
 *   the path of the problem in `.path`.
 */
async function createFromPolicy(policyText) {
  if (typeof policyText !== "string") {
    throw new TypeError("policy must be JSON text");
  }
  const { createAirlock } = await airlockModule();
  const policy = policyText.trim();
  return createAirlock(policy === "" ? {} : { policy });
}

/**
 * What may be put on `msg.airlock`: each finding without its value or
 * replacement, and a count per kind.
 *
 * @param {readonly import("llm-airlock").Finding[]} findings
 * @returns {{ findings: object[], counts: Record<string, number> }}
 */
function summarize(findings) {
  const counts = {};
  const safe = findings.map(({ kind, detector, start, end, action }) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return { kind, detector, start, end, action };
  });
  return { findings: safe, counts };
}

/**
 * A short status line for a policy that failed to compile, e.g.
 * `bad policy: custom[0].pattern`.
 *
 * @param {unknown} err
 * @returns {string}
 */
function policyStatus(err) {
  const { code, path } = /** @type {{ code?: string, path?: string }} */ (
    err ?? {}
  );
  if (path && path !== "?") return `bad policy: ${path}`;
  return `bad policy: ${code ?? "error"}`;
}

module.exports = { airlockModule, createFromPolicy, summarize, policyStatus };
