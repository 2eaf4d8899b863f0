/**
 * The `llm-airlock` command: scan and redact files, stdin or JSONL
 * batches from the terminal.
 */

import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { Airlock } from "./airlock.js";
import { AirlockError } from "./errors.js";
import { createAirlock } from "./node.js";
import type { Finding } from "./types.js";

const USAGE = `usage: llm-airlock <command> [options] [FILE]

commands:
  scan       list the sensitive values in FILE (or stdin)
  redact     print FILE (or stdin) with sensitive values transformed
  check-url  check URL against the policy's egress allowlist
             (with --jsonl: a batch of {"url","base"} lines from FILE or stdin)
  detectors  list the built-in detectors

options:
  --policy FILE   a policy document (JSON); the embedded default otherwise
  --json          machine-readable output
  --jsonl         batch mode: each input line is {"id","text"}; one result
                  line out per input line ({"id","error"} for a bad line)
  --progress      report progress on stderr (default: when stderr is a TTY)
  --base URL      check-url: resolve relative URLs against URL
  --exit-zero     scan, check-url: exit 0 even when something is found or
                  a URL is denied
  -h, --help      this text

exit status: 0 ok (scan: nothing found; check-url: allowed), 1 scan found
             something or check-url denied, 2 usage or input error,
             3 blocked by the policy`;

interface Args {
  command: string;
  file: string | undefined;
  policy: string | undefined;
  base: string | undefined;
  json: boolean;
  jsonl: boolean;
  progress: boolean;
  exitZero: boolean;
}

class UsageError extends Error {}

/** Runs the CLI; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`llm-airlock: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.command === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  try {
    const policy =
      args.policy === undefined ? undefined : await readFile(args.policy, "utf8");
    const airlock = await createAirlock(policy === undefined ? {} : { policy });
    if (args.command === "detectors") return listDetectors(args);
    if (args.command === "check-url" && !args.jsonl) {
      return checkUrl(airlock, args.file ?? "", args);
    }
    if (args.jsonl) return await batch(airlock, args);
    const text = await readInput(args.file);
    return args.command === "scan"
      ? scan(airlock, text, args)
      : redact(airlock, text, args);
  } catch (e) {
    return report(e);
  }
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    command: "",
    file: undefined,
    policy: undefined,
    base: undefined,
    json: false,
    jsonl: false,
    progress: Boolean(process.stderr.isTTY),
    exitZero: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-h" || a === "--help") {
      args.command = "help";
      return args;
    } else if (a === "--policy") {
      args.policy = argv[++i];
      if (args.policy === undefined) throw new UsageError("--policy needs a file");
    } else if (a === "--base") {
      args.base = argv[++i];
      if (args.base === undefined) throw new UsageError("--base needs a URL");
    } else if (a === "--json") args.json = true;
    else if (a === "--jsonl") args.jsonl = true;
    else if (a === "--progress") args.progress = true;
    else if (a === "--exit-zero") args.exitZero = true;
    else if (a.startsWith("-") && a !== "-") {
      throw new UsageError(`unknown option ${a}`);
    } else if (args.command === "") args.command = a;
    else if (args.file === undefined) args.file = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (args.command === "check-url" && !args.jsonl && args.file === undefined) {
    throw new UsageError("check-url needs a URL (or --jsonl)");
  }
  if (!["scan", "redact", "check-url", "detectors"].includes(args.command)) {
    throw new UsageError(
      args.command === "" ? "no command given" : `unknown command ${args.command}`,
    );
  }
  return args;
}

async function readInput(file: string | undefined): Promise<string> {
  const bytes =
    file === undefined || file === "-"
      ? await readStdin()
      : await readFile(file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError("input is not valid UTF-8 text");
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

class InputError extends Error {}

function scan(airlock: Airlock, text: string, args: Args): number {
  const findings = airlock.scan(text);
  if (args.json) {
    process.stdout.write(JSON.stringify(findings) + "\n");
  } else {
    const color = useColor(process.stdout);
    if (findings.length > 0) {
      process.stdout.write(highlight(text, findings, color) + "\n\n");
    }
    for (const f of findings) {
      const { line, column } = position(text, f.start);
      process.stdout.write(
        `${line}:${column}\t${f.kind}\t${f.detector}\t${f.action}\n`,
      );
    }
    process.stdout.write(summary(findings) + "\n");
  }
  return findings.length > 0 && !args.exitZero ? 1 : 0;
}

function redact(airlock: Airlock, text: string, args: Args): number {
  const result = airlock.redact(text);
  if (args.json) {
    process.stdout.write(JSON.stringify(result) + "\n");
    return 0;
  }
  process.stdout.write(result.text);
  if (!result.text.endsWith("\n")) process.stdout.write("\n");
  process.stderr.write(summary(result.findings) + "\n");
  return 0;
}

async function batch(airlock: Airlock, args: Args): Promise<number> {
  const input =
    args.file === undefined || args.file === "-"
      ? process.stdin
      : createReadStream(args.file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let failed = 0;
  let lastReport = Date.now();
  for await (const line of lines) {
    n++;
    if (line.trim() === "") continue;
    const result = batchLine(airlock, args, line, n);
    if ("error" in result) failed++;
    process.stdout.write(JSON.stringify(result) + "\n");
    if (args.progress && Date.now() - lastReport > 500) {
      process.stderr.write(`\rllm-airlock: ${n} lines`);
      lastReport = Date.now();
    }
  }
  if (args.progress) {
    process.stderr.write(`\rllm-airlock: ${n} lines, ${failed} with errors\n`);
  }
  return 0;
}

function batchLine(
  airlock: Airlock,
  args: Args,
  line: string,
  n: number,
): Record<string, unknown> {
  let id: unknown = n;
  try {
    const doc: unknown = JSON.parse(line);
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      throw new InputError(`line ${n}: expected a JSON object`);
    }
    const record = doc as { id?: unknown; text?: unknown; url?: unknown; base?: unknown };
    id = record.id ?? n;
    if (args.command === "check-url") {
      if (typeof record.url !== "string") {
        throw new InputError(`line ${n}: "url" must be a string`);
      }
      const base = typeof record.base === "string" ? record.base : args.base;
      return { id, ...airlock.checkUrl(record.url, base === undefined ? {} : { base }) };
    }
    if (typeof record.text !== "string") {
      throw new InputError(`line ${n}: "text" must be a string`);
    }
    if (args.command === "scan") {
      return { id, findings: airlock.scan(record.text) };
    }
    const result = airlock.redact(record.text);
    return { id, text: result.text, findings: result.findings };
  } catch (e) {
    const code =
      e instanceof AirlockError ? e.code : e instanceof SyntaxError ? "invalid_json" : "invalid_input";
    const message =
      e instanceof SyntaxError ? `line ${n}: not valid JSON` : (e as Error).message;
    return { id, error: { code, message } };
  }
}

function checkUrl(airlock: Airlock, url: string, args: Args): number {
  const verdict = airlock.checkUrl(url, args.base === undefined ? {} : { base: args.base });
  if (args.json) {
    process.stdout.write(JSON.stringify(verdict) + "\n");
  } else {
    const rule = verdict.rule === undefined ? "" : ` (egress.allow[${verdict.rule}])`;
    const word = verdict.allowed ? "allowed" : `denied: ${verdict.reason}`;
    process.stdout.write(`${word}${rule}\t${verdict.url ?? url}\n`);
  }
  return verdict.allowed || args.exitZero ? 0 : 1;
}

function listDetectors(args: Args): number {
  const list = Airlock.detectors();
  if (args.json) {
    process.stdout.write(JSON.stringify(list) + "\n");
  } else {
    for (const d of list) process.stdout.write(`${d.kind}\t${d.id}\n`);
  }
  return 0;
}

function report(e: unknown): number {
  if (e instanceof AirlockError) {
    process.stderr.write(`llm-airlock: ${e.message} (${e.code})\n`);
    return e.code === "blocked" ? 3 : 2;
  }
  if (e instanceof InputError) {
    process.stderr.write(`llm-airlock: ${e.message}\n`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  if (typeof err?.code === "string" && typeof err.path === "string") {
    process.stderr.write(`llm-airlock: cannot read ${err.path} (${err.code})\n`);
    return 2;
  }
  process.stderr.write(`llm-airlock: internal error\n`);
  return 2;
}

function useColor(stream: NodeJS.WriteStream): boolean {
  return Boolean(stream.isTTY) && process.env["NO_COLOR"] === undefined;
}

function highlight(text: string, findings: Finding[], color: boolean): string {
  let out = "";
  let at = 0;
  for (const f of findings) {
    const value = text.slice(f.start, f.end);
    out += text.slice(at, f.start);
    out += color
      ? `\x1b[7m${value}\x1b[0m\x1b[2m<${f.kind}>\x1b[0m`
      : `>>${value}<<<${f.kind}>`;
    at = f.end;
  }
  return out + text.slice(at);
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function summary(findings: Finding[]): string {
  if (findings.length === 0) return "no sensitive values found";
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  const parts = [...counts].map(([k, n]) => `${n} ${k}`);
  return `${findings.length} found: ${parts.join(", ")}`;
}
