// Builds the unpacked extension into dist/: the extension's own files and
// llm-airlock's browser build under vendor/llm-airlock/, laid out as in
// the package so the module finds its Wasm file next to it.
import { cpSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

/** The browser build's files, relative to the package root. */
function packageFiles(pkg) {
  const skip = new Set(["cli.js", "node.js"]);
  const dist = readdirSync(join(pkg, "dist")).filter(
    (name) => name.endsWith(".js") && !skip.has(name),
  );
  return [
    ...dist.map((name) => join("dist", name)),
    join("wasm", "airlock.js"),
    join("wasm", "airlock_bg.wasm"),
    // The egress allowlist: its glue is imported with the package, its
    // module fetched only for a policy with egress.allow entries.
    join("wasm", "airlock_egress.js"),
    join("wasm", "airlock_egress_bg.wasm"),
  ];
}

/**
 * Writes the unpacked extension into `out` (default dist/), replacing
 * what was there.
 *
 * @param {string} [out]
 * @returns {string} the output directory, for --load-extension
 */
export function build(out = join(here, "dist")) {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve("llm-airlock/package.json"));

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(here, "src"), out, { recursive: true });
  for (const file of packageFiles(pkg)) {
    cpSync(join(pkg, file), join(out, "vendor", "llm-airlock", file));
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`built ${build()}: load it unpacked from there`);
}
