"use strict";
/**
 * The `airlock-redact` node: redacts a message property (msg.payload by
 * default) with llm-airlock before the message goes on to an LLM node.
 *
 * Output 1 carries the redacted message with `msg.airlock = { findings,
 * counts }`. A message the policy blocks is either reported as an error
 * (for a Catch node) or, with "on block: second output", sent unchanged
 * on output 2 with `msg.airlock.blocked = true`.
 */

const {
  createFromPolicy,
  summarize,
  policyStatus,
} = require("../lib/airlock.js");

/** @param {import("node-red").NodeAPI} RED */
module.exports = function register(RED) {
  /** @this {import("node-red").Node} */
  function AirlockRedactNode(config) {
    RED.nodes.createNode(this, config);
    const node = this;
    const property = config.property || "payload";
    const blockedToOutput = config.onBlock === "output";

    // Compile the policy once; every message waits for it.
    node.status({ fill: "grey", shape: "ring", text: "loading" });
    const ready = createFromPolicy(config.policy ?? "").then(
      (airlock) => {
        node.status({ fill: "green", shape: "dot", text: "ready" });
        return airlock;
      },
      (err) => {
        node.status({ fill: "red", shape: "ring", text: policyStatus(err) });
        node.error(err.message);
        throw err;
      },
    );
    // Reported above; each message then fails with the same error.
    ready.catch(() => {});

    node.on("input", async (msg, send, done) => {
      let airlock;
      try {
        airlock = await ready;
      } catch (err) {
        done(err);
        return;
      }

      const text = RED.util.getMessageProperty(msg, property);
      if (typeof text !== "string") {
        done(
          new TypeError(
            `msg.${property} must be a string, got ${kindOf(text)}`,
          ),
        );
        return;
      }

      try {
        const result = airlock.redact(text);
        RED.util.setMessageProperty(msg, property, result.text);
        msg.airlock = summarize(result.findings);
        send(blockedToOutput ? [msg, null] : msg);
        done();
      } catch (err) {
        if (err?.code !== "blocked") {
          done(err);
          return;
        }

        // Say what was found, never the values; the property is left as it
        // came, so output 2 must not lead to the LLM.
        msg.airlock = {
          blocked: true,
          kinds: [...(err.kinds ?? [])],
          ...summarize(airlock.scan(text)),
        };
        if (blockedToOutput) {
          send([null, msg]);
          done();
        } else {
          done(err);
        }
      }
    });

    node.on("close", (done) => {
      ready
        .then(
          (airlock) => airlock.dispose(),
          () => {},
        )
        .finally(done);
    });
  }

  RED.nodes.registerType("airlock-redact", AirlockRedactNode);
};

/** @param {unknown} value */
function kindOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (Buffer.isBuffer(value)) return "buffer";
  return typeof value;
}
