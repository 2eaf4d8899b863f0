/**
 * Airlock instances for the node, one per policy text. n8n loads nodes
 * with `require`; llm-airlock is ESM, so it comes in through `import()`,
 * which TypeScript keeps as is when compiling for Node16 CommonJS.
 */

import type { Airlock, AirlockError, Finding } from "llm-airlock" with {
  "resolution-mode": "import",
};

type AirlockModule = typeof import("llm-airlock", {
  with: { "resolution-mode": "import" },
});

/** Policies kept compiled at once; the oldest is dropped past this. */
const MAX_CACHED = 16;

let loading: Promise<AirlockModule> | undefined;
const cache = new Map<string, Promise<Airlock>>();

/** Loads llm-airlock once per process. */
export function airlockModule(): Promise<AirlockModule> {
  loading ??= import("llm-airlock");
  return loading;
}

/**
 * The Airlock for a policy parameter: JSON text, an object (n8n may hand
 * JSON parameters over parsed), or blank for the default policy.
 *
 * @throws {AirlockError} a `policy_*` code with the problem's `path`.
 */
export async function airlockFor(policy: unknown): Promise<Airlock> {
  const text = policyText(policy);
  let airlock = cache.get(text);
  if (airlock === undefined) {
    airlock = airlockModule().then(({ createAirlock }) =>
      createAirlock(text === "" ? {} : { policy: text }),
    );
    // A policy that fails to compile is not kept: it may be fixed.
    airlock.catch(() => cache.delete(text));
    cache.set(text, airlock);
    evictOldest();
  }
  return airlock;
}

/** The policy parameter as JSON text ("" for the default policy). */
function policyText(policy: unknown): string {
  if (policy === undefined || policy === null) return "";
  if (typeof policy === "string") return policy.trim();
  if (typeof policy === "object" && !Array.isArray(policy)) {
    return JSON.stringify(policy);
  }
  throw new TypeError("the policy must be a JSON object");
}

function evictOldest(): void {
  while (cache.size > MAX_CACHED) {
    const [text, oldest] = cache.entries().next().value!;
    cache.delete(text);
    oldest.then(
      (a) => a.dispose(),
      () => {},
    );
  }
}

/** A finding as it may appear in an item: no value, no replacement. */
export interface SafeFinding {
  kind: Finding["kind"];
  detector: string;
  start: number;
  end: number;
  action: Finding["action"];
}

/** What goes into `item.json.airlock`. */
export interface Summary {
  findings: SafeFinding[];
  counts: Record<string, number>;
}

/** Drops values and replacements, and counts findings per kind. */
export function summarize(findings: readonly Finding[]): Summary {
  const counts: Record<string, number> = {};
  const safe = findings.map(({ kind, detector, start, end, action }) => {
    counts[kind] = (counts[kind] ?? 0) + 1;
    return { kind, detector, start, end, action };
  });
  return { findings: safe, counts };
}

/** Whether `e` is an AirlockError with code `blocked`. */
export function isBlocked(e: unknown): e is AirlockError {
  return (e as { code?: unknown } | null)?.code === "blocked";
}
