// Streaming restore, checked against one-shot restore: the same answer
// cut anywhere (down to single characters, and between the bytes of a
// character) must restore to the same text. Shared by the Node and the
// browser runners, so it uses no Node APIs.
import { concatBytes, cut, pipe, randomText, seeded } from "./streams.mjs";

export const ACTIONS = ["tokenize", "pseudonymize", "surrogate"];

/**
 * @param {(options?: object) => Promise<any>} createAirlock
 * @param {{ seed?: number, texts?: number, extra?: string[] }} options
 *   `extra`: more texts to check (corpus lines, say).
 * @returns {Promise<{ count: number, failures: string[] }>}
 */
export async function checkStreamingRestore(createAirlock, options = {}) {
  const { seed = 7, texts = 40, extra = [] } = options;
  const rand = seeded(seed);
  const inputs = [...extra];
  for (let i = 0; i < texts; i++) inputs.push(randomText(rand));
  const failures = [];
  let count = 0;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  for (const action of ACTIONS) {
    const airlock = await createAirlock({
      policy: { version: 1, defaultAction: action },
      pseudonymKey: "stream test key",
    });
    try {
      for (const [i, input] of inputs.entries()) {
        count++;
        const where = `${action} #${i}`;
        const redacted = airlock.redact(input).text;
        // A model's answer: the tokens, echoed with text around.
        const answer = `Sure. ${redacted}\n\nDone: ${redacted.slice(0, 40)}`;
        const want = airlock.restore(answer);
        for (const max of [1, 5]) {
          const out = await pipe(airlock.restoreStream(), cut(rand, answer, max));
          if (out.some((c) => typeof c !== "string")) {
            failures.push(`${where}: string chunks gave non-strings`);
          }
          if (out.join("") !== want) {
            failures.push(`${where}: string chunks of <= ${max} differ`);
          }
        }
        const bytes = encoder.encode(answer);
        for (const max of [2, 40]) {
          const out = await pipe(airlock.restoreStream(), cut(rand, bytes, max));
          if (out.some((c) => !(c instanceof Uint8Array))) {
            failures.push(`${where}: byte chunks gave non-bytes`);
          }
          if (decoder.decode(concatBytes(out)) !== want) {
            failures.push(`${where}: byte chunks of <= ${max} differ`);
          }
        }
      }
    } finally {
      airlock.dispose();
    }
  }
  return { count, failures };
}
