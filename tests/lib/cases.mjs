// Reads the cross-layer cases from tests/data.
import { readdir, readFile } from "node:fs/promises";

export const dataDir = new URL("../data/", import.meta.url);

export async function loadSuites() {
  const files = (await readdir(dataDir)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(
    files.map(async (file) => ({
      file,
      cases: JSON.parse(await readFile(new URL(file, dataDir), "utf8")),
    })),
  );
}
