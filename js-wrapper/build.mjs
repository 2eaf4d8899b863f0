// Bundles the package's entries into a few ES modules: Node resolves,
// reads and compiles each module of a package on import, so a dozen small
// ones cost several milliseconds of start-up. Code shared by the entries
// goes into chunks, so every class (AirlockError above all) exists once.
// The Wasm glue stays a separate file next to its .wasm. Types come from
// tsc (emitDeclarationOnly).
import { readdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names change with their content: drop the last build's modules.
for (const f of readdirSync("dist")) {
  if (f.endsWith(".js")) rmSync(`dist/${f}`);
}

await build({
  entryPoints: ["src/node.ts", "src/browser.ts", "src/cli.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2022",
  platform: "neutral",
  external: ["node:*", "../wasm/*"],
  // Chunks sit next to the entries: the glue paths (`../wasm/...`) and
  // `import.meta.url` lookups are relative to them.
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
