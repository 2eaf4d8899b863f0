// Reads the provider fixtures of tests/data/providers (Node only; the
// browser runner gets them from here).
import { readFile } from "node:fs/promises";

export const providersDir = new URL("../data/providers/", import.meta.url);

/** The suite: `{ policy, cases, files }`, files by name. */
export async function loadProviderSuite() {
  const { policy, cases } = JSON.parse(
    await readFile(new URL("cases.json", providersDir), "utf8"),
  );
  const files = {};
  for (const c of cases) {
    for (const name of [c.request, c.response, c.stream]) {
      files[name] = await readFile(new URL(name, providersDir), "utf8");
    }
  }
  return { policy, cases, files };
}
