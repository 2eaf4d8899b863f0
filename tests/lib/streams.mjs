// Helpers for streaming tests: a seeded generator, random cuts, and
// piping chunks through a TransformStream. No Node APIs: the browser
// tests load this file as it is.

/** A seeded generator of floats in [0, 1) (mulberry32). */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/** `value` (a string or a Uint8Array) cut into pieces of 1 to `max`
 * units. */
export function cut(rand, value, max) {
  const pieces = [];
  for (let at = 0; at < value.length; ) {
    const n = 1 + Math.floor(rand() * max);
    pieces.push(value.slice(at, at + n));
    at += n;
  }
  return pieces;
}

/** Writes `chunks` through `transform`; resolves to the chunks out. */
export async function pipe(transform, chunks) {
  const source = new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });
  const out = [];
  const reader = source.pipeThrough(transform).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

/** A vault whose restorers count their frees. */
export function countingVault(airlock) {
  const vault = airlock.newVault();
  const counts = { made: 0, freed: 0 };
  const make = vault.handle.restorer.bind(vault.handle);
  vault.handle.restorer = () => {
    const r = make();
    counts.made++;
    const free = r.free.bind(r);
    r.free = () => {
      counts.freed++;
      free();
    };
    return r;
  };
  return { vault, counts };
}

export function concatBytes(chunks) {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const WORDS = (
  "the a refund order meeting moved to thursday please reply ticket " +
  "account locked after three attempts invoice quote approval finance " +
  "delivery late again customer asked us update tracking"
).split(" ");
const BITS = [
  " ", " ", " ", "\n", ", ", ". ", "; ", " — ", "😀", "👍🏽", "客户", "邮箱",
  "é", "ß", "Ünïcödé", "مرحبا", "(", ")", "[", "]", "_", "*", "`", "'s",
  "\\", "\"", "\t", "#", "42", "3.14",
];

/** A sensitive value of a kind the engine may detect. */
function value(rand) {
  const name = () =>
    pick(rand, ["ana", "li", "jo", "zoë", "ryan", "mei", "olu", "sam"]) +
    pick(rand, ["", ".", "_", "-"]) +
    pick(rand, ["doe", "wong", "gallagher", "ng", "x9", "ops"]);
  const digits = (n) =>
    Array.from({ length: n }, () => Math.floor(rand() * 10)).join("");
  const upper = (n) =>
    Array.from({ length: n }, () =>
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[Math.floor(rand() * 32)],
    ).join("");
  switch (Math.floor(rand() * 6)) {
    case 0:
    case 1:
      return `${name()}@${pick(rand, ["example", "corp", "mail"])}.${pick(rand, ["com", "org", "example", "co.uk"])}`;
    case 2:
      return `AKIA${upper(16)}`;
    case 3:
      return `+1 415 555 ${digits(4)}`;
    case 4:
      return `4111 1111 1111 ${digits(4)}`;
    default:
      return `IE29 AIBK 9311 5212 3456 ${digits(2)}`;
  }
}

/** A random prompt-like text with sensitive values, emoji, CJK, RTL
 * and markdown-ish punctuation. */
export function randomText(rand) {
  const parts = [];
  const n = 5 + Math.floor(rand() * 40);
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.12) parts.push(" " + value(rand) + " ");
    else if (r < 0.6) parts.push(pick(rand, WORDS));
    else parts.push(pick(rand, BITS));
  }
  return parts.join("");
}
