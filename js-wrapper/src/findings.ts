/**
 * Findings as the engine hands them over: six numbers each (kind,
 * detector, start, end, action, replacement length) and the replacements
 * joined in one string. Cheaper to cross the Wasm boundary than objects;
 * the names come from tables read once per engine.
 */

import * as glue from "../wasm/airlock.js";
import type { Action, Finding, Kind } from "./types.js";

/** Numbers per finding; must match `FIELDS` in `wasm/src/findings.rs`. */
const FIELDS = 6;
/** The replacement length of a value left as it is. */
const NONE = 0xffffffff;

/** The names behind one engine's indexes. */
export interface Names {
  kinds: readonly Kind[];
  detectors: readonly string[];
  actions: readonly Action[];
}

let shared: { kinds: Kind[]; actions: Action[] } | undefined;

/** The names of `engine`'s findings. */
export function namesOf(engine: glue.Engine): Names {
  shared ??= {
    kinds: glue.kindNames() as Kind[],
    actions: glue.actionNames() as Action[],
  };
  return { ...shared, detectors: engine.detectorNames() };
}

/** Builds the findings of `records`; `replacements` is set for a
 * redaction, absent for a scan. */
export function decodeFindings(
  records: Uint32Array,
  names: Names,
  replacements?: string,
): Finding[] {
  const out: Finding[] = new Array(records.length / FIELDS);
  let at = 0;
  for (let i = 0, n = 0; i < records.length; i += FIELDS, n++) {
    const f: Finding = {
      kind: names.kinds[records[i]],
      detector: names.detectors[records[i + 1]],
      start: records[i + 2],
      end: records[i + 3],
      action: names.actions[records[i + 4]],
    };
    const len = records[i + 5];
    if (replacements !== undefined && len !== NONE) {
      f.replacement = replacements.slice(at, at + len);
      at += len;
    }
    out[n] = f;
  }
  return out;
}
