/**
 * What each operation does to one text. Adding an operation (restore,
 * once the package has it) means one entry here and one option in the
 * node's description.
 */

import type { Airlock } from "llm-airlock" with {
  "resolution-mode": "import",
};
import { summarize, type Summary } from "./engine";

/** The result of an operation on one item's text. */
export interface OperationResult {
  /** The text to put back in the field; absent to leave it as is. */
  text?: string;
  /** What goes into `item.json.airlock`. */
  airlock: Summary & { blocked?: boolean; kinds?: string[] };
}

/** An operation: throws an AirlockError (e.g. `blocked`) to fail. */
export type Operation = (airlock: Airlock, text: string) => OperationResult;

/** The operations, by the value of the node's Operation parameter. */
export type OperationName = "redact" | "scan";

export const operations: Readonly<Record<OperationName, Operation>> = {
  /** Replaces each finding per the policy; throws when a kind is blocked. */
  redact(airlock, text) {
    const result = airlock.redact(text);
    return { text: result.text, airlock: summarize(result.findings) };
  },

  /** Reports findings without changing the text; `blocked` says whether
   * Redact would refuse it. */
  scan(airlock, text) {
    const summary = summarize(airlock.scan(text));
    const kinds = [
      ...new Set(
        summary.findings.filter((f) => f.action === "block").map((f) => f.kind),
      ),
    ];
    return { airlock: { ...summary, blocked: kinds.length > 0, kinds } };
  },
};

/** Whether `name` is a known operation. */
export function isOperation(name: unknown): name is OperationName {
  return typeof name === "string" && Object.hasOwn(operations, name);
}
