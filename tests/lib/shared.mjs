// Finds the shared data folder (../shared from the repository root, or
// $AIRLOCK_SHARED_DIR) and reads its dev corpus. Node only.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The repository's main checkout, when this is a git worktree. */
function mainCheckout() {
  const git = join(root, ".git");
  if (!existsSync(git) || statSync(git).isDirectory()) return undefined;
  const m = /^gitdir: (.+)$/m.exec(readFileSync(git, "utf8"));
  if (m === null) return undefined;
  const gitdir = resolve(root, m[1].trim());
  const common = join(gitdir, "commondir");
  if (!existsSync(common)) return undefined;
  return dirname(resolve(gitdir, readFileSync(common, "utf8").trim()));
}

/** The shared folder, or undefined when there is none. */
export function sharedDir() {
  const env = process.env.AIRLOCK_SHARED_DIR;
  const candidates = env ? [env] : [join(root, "../shared")];
  if (!env) {
    const main = mainCheckout();
    if (main !== undefined) candidates.push(join(main, "../shared"));
  }
  return candidates.find((d) => existsSync(d));
}

/** The dev corpus texts, or undefined (with the reason) when absent. */
export function devCorpus() {
  const dir = sharedDir();
  const file = dir && join(dir, "corpus/dev.jsonl");
  if (!file || !existsSync(file)) {
    return { texts: undefined, why: "no corpus/dev.jsonl in ../shared or $AIRLOCK_SHARED_DIR" };
  }
  const texts = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l).text);
  return { texts, why: file };
}
