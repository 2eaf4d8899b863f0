// Throughput, latency and cold start of the built package in Node.
// Usage: node tests/bench/wasm.mjs FILE   (prints one JSON line)
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";

const PROMPT_UNITS = 2048;
const pkg = new URL("../../js-wrapper/", import.meta.url);
const file = process.argv[2];
if (!file) {
  console.error("usage: wasm.mjs FILE");
  process.exit(2);
}

// Cold start: a fresh process each time, import + instantiate + policy
// ready (the default one, or one with egress entries, which loads the
// egress module too).
const coldScript = (policy) => `
  const t0 = performance.now();
  const { createAirlock } = await import(${JSON.stringify(new URL("dist/node.js", pkg).href)});
  const a = await createAirlock(${JSON.stringify(policy === undefined ? {} : { policy })});
  const t1 = performance.now();
  a.scan("a@b.example");
  console.log(JSON.stringify({ cold: t1 - t0, first: performance.now() - t1 }));`;
function coldStart(policy) {
  const colds = [];
  const firsts = [];
  for (let i = 0; i < 15; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", coldScript(policy)]);
    const { cold, first } = JSON.parse(r.stdout.toString());
    colds.push(cold);
    firsts.push(first);
  }
  return { colds, firsts };
}
const { colds, firsts } = coldStart(undefined);
const egressColds = coldStart({
  version: 1,
  egress: { allow: ["https://api.openai.com/v1/*"] },
}).colds;

const { createAirlock } = await import(new URL("dist/node.js", pkg).href);
const text = readFileSync(file, "utf8");
const airlock = await createAirlock({
  policy: { version: 1, limits: { maxInputBytes: 64 << 20 } },
});
const bytes = Buffer.byteLength(text);

let best = Infinity;
let findings = 0;
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  findings = airlock.redact(text).findings.length;
  best = Math.min(best, performance.now() - t);
}

const prompts = [];
for (let at = 0; at < text.length; at += PROMPT_UNITS) {
  prompts.push(text.slice(at, at + PROMPT_UNITS));
}
// Three passes over the prompts; each figure is its median over them,
// which keeps one noisy pass on a shared machine from deciding it. The
// slowest 1% of one pass are mostly prompts that met the machine's
// hiccups (a different 1% each pass), so the bench also gives the p99 of
// each prompt's best of the three passes: the engine's own latency.
const rounds = [];
const best3 = prompts.map(() => Infinity);
for (let round = 0; round < 3; round++) {
  const lat = [];
  const t = performance.now();
  for (let i = 0; i < prompts.length; i++) {
    const s = performance.now();
    airlock.redact(prompts[i]);
    const ms = performance.now() - s;
    lat.push(ms);
    best3[i] = Math.min(best3[i], ms);
  }
  const total = performance.now() - t;
  lat.sort((a, b) => a - b);
  rounds.push({
    mbps: bytes / 1e6 / (total / 1e3),
    p50: lat[lat.length >> 1],
    p99: lat[Math.floor(lat.length * 0.99)],
  });
}
best3.sort((a, b) => a - b);
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
const ofRounds = (key) => median(rounds.map((r) => r[key]));
const wasm = readFileSync(new URL("wasm/airlock_bg.wasm", pkg));
const egressWasm = readFileSync(new URL("wasm/airlock_egress_bg.wasm", pkg));

console.log(
  JSON.stringify({
    engine: "wasm-node",
    wholeMBps: +(bytes / 1e6 / (best / 1e3)).toFixed(1),
    findings,
    promptMBps: +ofRounds("mbps").toFixed(1),
    prompts: prompts.length,
    p50ms: +ofRounds("p50").toFixed(4),
    p99ms: +ofRounds("p99").toFixed(4),
    p99BestOf3Ms: +best3[Math.floor(best3.length * 0.99)].toFixed(4),
    coldStartMs: +median(colds).toFixed(2),
    firstScanMs: +median(firsts).toFixed(3),
    coldStartEgressMs: +median(egressColds).toFixed(2),
    wasmBytes: wasm.length,
    wasmGzipBytes: gzipSync(wasm, { level: 9 }).length,
    egressWasmBytes: egressWasm.length,
    egressWasmGzipBytes: gzipSync(egressWasm, { level: 9 }).length,
  }),
);
