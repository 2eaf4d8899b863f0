// Runs the cross-layer cases (tests/data/*.json) against a createAirlock
// function. Shared by the Node and the browser runners, so it uses no Node
// APIs.

/**
 * @param {(options?: object) => Promise<any>} createAirlock
 * @param {{ file: string, cases: any[] }[]} suites
 * @returns {Promise<{ count: number, failures: string[] }>}
 */
export async function runCases(createAirlock, suites) {
  const failures = [];
  let count = 0;
  for (const { file, cases } of suites) {
    for (const c of cases) {
      count++;
      const why = await runCase(createAirlock, c);
      if (why) failures.push(`${file}: ${c.name}: ${why}`);
    }
  }
  return { count, failures };
}

async function runCase(createAirlock, c) {
  let airlock;
  try {
    const options = { hashKey: "case key" };
    if (c.policy !== undefined) options.policy = c.policy;
    airlock = await createAirlock(options);
  } catch (e) {
    if (c.error && e.code === c.error) return null;
    return `policy error ${e.code}: ${e.message}`;
  }
  try {
    if (Array.isArray(c.findings)) {
      const found = airlock.scan(c.input);
      const got = found.map(
        (f) => `${f.kind}/${f.detector}:${JSON.stringify(c.input.slice(f.start, f.end))}`,
      );
      const want = c.findings.map(
        (e, i) =>
          `${e.kind}/${e.detector ?? found[i]?.detector ?? ""}:${JSON.stringify(e.value)}`,
      );
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        return `findings\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`;
      }
    }
    let out;
    try {
      out = airlock.redact(c.input);
    } catch (e) {
      if (c.error && e.code === c.error) return null;
      return `redact failed: ${e.code}: ${e.message}`;
    }
    if (c.error) return `expected error ${c.error}`;
    if (typeof c.output === "string" && out.text !== c.output) {
      return `output\n  got  ${JSON.stringify(out.text)}\n  want ${JSON.stringify(c.output)}`;
    }
    return null;
  } finally {
    airlock.dispose();
  }
}
