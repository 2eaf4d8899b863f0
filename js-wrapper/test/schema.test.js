// The shipped JSON Schema agrees with the engine on the cases' policies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { createAirlock, Airlock } from "../dist/node.js";

const schema = JSON.parse(readFileSync(new URL("../policy.schema.json", import.meta.url)));
const validate = new Ajv2020({ strict: false }).compile(schema);
const dataDir = new URL("../../tests/data/", import.meta.url);

test("the default policy validates", async () => {
  await createAirlock();
  assert.ok(validate(Airlock.defaultPolicy()), JSON.stringify(validate.errors));
});

test("schema and engine agree on every case policy", async () => {
  let checked = 0;
  for (const file of readdirSync(dataDir).filter((f) => f.endsWith(".json"))) {
    for (const c of JSON.parse(readFileSync(new URL(file, dataDir)))) {
      if (c.policy === undefined) continue;
      checked++;
      const engineAccepts = await createAirlock({ policy: c.policy, hashKey: "k" }).then(
        () => true,
        (e) =>
          e.code === "policy_pattern" || (e.code === "policy_invalid" && e.path?.startsWith("detectors."))
            ? "beyond"
            : false,
      );
      // A regex that does not compile, or a detectors key that names no
      // kind, built-in or custom id, is beyond a JSON Schema.
      if (engineAccepts === "beyond") continue;
      assert.equal(validate(c.policy), engineAccepts, `${file}: ${c.name}`);
    }
  }
  assert.ok(checked > 5);
});
