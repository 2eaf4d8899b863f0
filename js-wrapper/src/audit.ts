/**
 * Audit events, shaped after the Elastic Common Schema (ECS 8.x), so a SIEM
 * that takes ECS (Elastic, OpenSearch, Splunk's and Sentinel's ECS
 * mappings) needs no parser. Airlock's own fields sit under `airlock.*`.
 *
 * An event never carries a found value, a replacement, a request body or a
 * query string: kinds, detector ids, counts, reason codes, origin and path
 * only.
 */

import type { Finding } from "./types.js";

/** The package version reported in every event. */
export const VERSION = "0.1.0";

/** ECS version the events follow. */
export const ECS_VERSION = "8.11.0";

/** One audit event. */
export interface AuditEvent {
  "@timestamp": string;
  ecs: { version: string };
  event: {
    kind: "event";
    category: ["network"];
    type: Array<"allowed" | "denied" | "info" | "change" | "error">;
    /** `redact`, `restore` or `egress`. */
    action: "redact" | "restore" | "egress";
    outcome: "success" | "failure";
    /** A stable reason code: `allowed`, `not_allowed`, `blocked`, ... */
    reason: string;
    dataset: "airlock.audit";
  };
  observer: { vendor: "Airlock"; product: "llm-airlock"; version: string };
  rule?: { id: string; ruleset: "egress.allow" };
  url?: { scheme: string; domain: string; port?: number; path: string };
  airlock: {
    /** SHA-256 of the policy text, hex. */
    policy_hash: string;
    /** Findings by kind, e.g. `{ email: 2 }`. */
    kinds?: Record<string, number>;
    /** Findings by detector id. */
    detectors?: Record<string, number>;
    /** Findings in all. */
    findings?: number;
    /** For restore: tokens restored and unknown. */
    restored?: number;
    unknown?: number;
  };
}

/** Receives audit events. Exceptions it throws are swallowed: auditing
 * never breaks the caller's request. */
export type AuditSink = (event: AuditEvent) => void;

/** Builds and emits events for one Airlock instance. */
export class Auditor {
  readonly #sink: AuditSink | undefined;
  readonly #policyHash: string;

  constructor(sink: AuditSink | undefined, policyHash: string) {
    this.#sink = sink;
    this.#policyHash = policyHash;
  }

  /** A redaction (or a refusal to redact). */
  redaction(
    findings: readonly Pick<Finding, "kind" | "detector">[],
    outcome: { blocked?: readonly string[]; error?: string } = {},
  ): void {
    if (this.#sink === undefined) return;
    const failed = outcome.blocked !== undefined || outcome.error !== undefined;
    this.#emit(
      {
        action: "redact",
        type: outcome.blocked ? ["denied"] : failed ? ["error"] : findings.length > 0 ? ["change"] : ["info"],
        outcome: failed ? "failure" : "success",
        reason: outcome.blocked ? "blocked" : (outcome.error ?? (findings.length > 0 ? "redacted" : "clean")),
      },
      counts(findings, outcome.blocked),
    );
  }

  /** A restore of a model's reply. */
  restore(restored: number, unknown: number): void {
    if (this.#sink === undefined) return;
    this.#emit(
      { action: "restore", type: ["info"], outcome: "success", reason: "restored" },
      { restored, unknown },
    );
  }

  /** An egress decision for one URL (each redirect hop is its own). */
  egress(verdict: { allowed: boolean; reason: string; url?: string; rule?: number }): void {
    if (this.#sink === undefined) return;
    const event = this.#event(
      {
        action: "egress",
        type: [verdict.allowed ? "allowed" : "denied"],
        outcome: verdict.allowed ? "success" : "failure",
        reason: verdict.reason,
      },
      {},
    );
    if (verdict.url !== undefined) {
      const u = new URL(verdict.url);
      event.url = {
        scheme: u.protocol.replace(/:$/, ""),
        domain: u.hostname,
        path: u.pathname,
        ...(u.port === "" ? {} : { port: Number(u.port) }),
      };
    }
    if (verdict.rule !== undefined) {
      event.rule = { id: `egress.allow[${verdict.rule}]`, ruleset: "egress.allow" };
    }
    this.#send(event);
  }

  #emit(e: EventCore, extra: Partial<AuditEvent["airlock"]>): void {
    this.#send(this.#event(e, extra));
  }

  #event(e: EventCore, extra: Partial<AuditEvent["airlock"]>): AuditEvent {
    return {
      "@timestamp": new Date().toISOString(),
      ecs: { version: ECS_VERSION },
      event: { kind: "event", category: ["network"], dataset: "airlock.audit", ...e },
      observer: { vendor: "Airlock", product: "llm-airlock", version: VERSION },
      airlock: { policy_hash: this.#policyHash, ...extra },
    };
  }

  #send(event: AuditEvent): void {
    try {
      this.#sink?.(event);
    } catch {
      // A failing sink must not turn into a failed or unredacted request.
    }
  }
}

type EventCore = Pick<AuditEvent["event"], "action" | "type" | "outcome" | "reason">;

function counts(
  findings: readonly Pick<Finding, "kind" | "detector">[],
  blocked: readonly string[] | undefined,
): Partial<AuditEvent["airlock"]> {
  const kinds: Record<string, number> = {};
  const detectors: Record<string, number> = {};
  for (const f of findings) {
    kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
    detectors[f.detector] = (detectors[f.detector] ?? 0) + 1;
  }
  for (const k of blocked ?? []) kinds[k] ??= 1;
  return { kinds, detectors, findings: findings.length };
}
