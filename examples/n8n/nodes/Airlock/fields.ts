/** Dot paths into an item's JSON, e.g. `body.prompt`. */

import type { IDataObject } from "n8n-workflow";

/** Splits a dot path, rejecting empty segments. */
function segments(path: string): string[] {
  const parts = path.split(".");
  if (path.trim() === "" || parts.some((p) => p === "")) {
    throw new TypeError(`invalid field path "${path}"`);
  }
  return parts;
}

/** The value at `path` in `json`, or `undefined`. */
export function getField(json: IDataObject, path: string): unknown {
  let value: unknown = json;
  for (const key of segments(path)) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Sets `path` in `json` (which the caller owns), creating objects. */
export function setField(
  json: IDataObject,
  path: string,
  value: unknown,
): void {
  const keys = segments(path);
  const last = keys.pop()!;
  let target: Record<string, unknown> = json;
  for (const key of keys) {
    const next = target[key];
    if (typeof next !== "object" || next === null) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[last] = value;
}
