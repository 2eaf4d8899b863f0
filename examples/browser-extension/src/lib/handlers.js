/**
 * What the service worker does for content scripts, by message type. A
 * handler resolves to the reply's fields or throws; background.js turns a
 * throw into `{ ok: false, error }`. Restoring answers will be one more
 * entry here once the package has it.
 */

import { airlock, summarize } from "./engine.js";

export const handlers = {
  /**
   * `{ type: "redact", text }` → `{ text, findings, counts }`; throws an
   * AirlockError `blocked` (with `kinds`) when the policy blocks the text.
   */
  async redact({ text }) {
    if (typeof text !== "string") {
      throw new TypeError(`text must be a string, got ${typeof text}`);
    }
    const result = (await airlock()).redact(text);
    return { text: result.text, ...summarize(result.findings) };
  },
};
