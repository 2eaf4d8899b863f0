// Copies the node icons next to the compiled nodes, where n8n looks.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "nodes", "Airlock");
const to = join(root, "dist", "nodes", "Airlock");
mkdirSync(to, { recursive: true });
for (const name of readdirSync(from)) {
  if (name.endsWith(".svg")) copyFileSync(join(from, name), join(to, name));
}
