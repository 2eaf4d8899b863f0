/**
 * What the service worker does for content scripts, by message type. A
 * handler resolves to the reply's fields or throws; background.js turns a
 * throw into `{ ok: false, error }`. Restoring answers will be one more
 * entry here once the package has it.
 */

import { airlock, summarize } from "./engine.js";

export const handlers = {
  /**
   * `{ type: "redact", text }` → `{ text, findings, counts }`, `counts`
   * being what was replaced, by kind; throws an AirlockError `blocked`
   * (with `kinds`) when the policy blocks the text.
   */
  async redact({ text }) {
    if (typeof text !== "string") {
      throw new TypeError(`text must be a string, got ${typeof text}`);
    }
    const result = (await airlock()).redact(text);
    const replaced = result.findings.filter((f) => f.replacement !== undefined);
    return {
      text: result.text,
      findings: summarize(result.findings).findings,
      counts: summarize(replaced).counts,
    };
  },
};
