/**
 * The Airlock node: redacts or scans a text field of each item with
 * llm-airlock, in the n8n process, before the items reach an LLM node.
 */

import {
  NodeConnectionTypes,
  NodeOperationError,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
  type INodeType,
  type INodeTypeDescription,
} from "n8n-workflow";
import { airlockFor, isBlocked, summarize } from "./engine";
import { getField, setField } from "./fields";
import { isOperation, operations } from "./operations";

export class Airlock implements INodeType {
  description: INodeTypeDescription = {
    displayName: "Airlock",
    name: "airlock",
    icon: "file:airlock.svg",
    group: ["transform"],
    version: 1,
    subtitle: '={{$parameter["operation"]}}',
    description:
      "Redact secrets and personal data before they reach an LLM, with llm-airlock",
    defaults: { name: "Airlock" },
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    properties: [
      {
        displayName: "Operation",
        name: "operation",
        type: "options",
        noDataExpression: true,
        options: [
          {
            name: "Redact",
            value: "redact",
            description:
              "Replace each finding in the field per the policy; fail on a blocked kind",
            action: "Redact a text field",
          },
          {
            name: "Scan",
            value: "scan",
            description:
              "Report findings without changing the field (for an IF node)",
            action: "Scan a text field",
          },
        ],
        default: "redact",
      },
      {
        displayName: "Field",
        name: "field",
        type: "string",
        default: "text",
        required: true,
        placeholder: "body.prompt",
        description:
          "Dot path to the text field of each item. Findings go to the item's <code>airlock</code> field, without values.",
      },
      {
        displayName: "Policy (JSON)",
        name: "policy",
        type: "json",
        default: "",
        typeOptions: { rows: 8 },
        description:
          'An Airlock policy document, e.g. {"version": 1, "detectors": {"secret": {"action": "block"}}}. Blank uses the default policy.',
      },
    ],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = this.getInputData();
    const out: INodeExecutionData[] = [];

    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const json = structuredClone(item.json);
      const pairedItem = { item: i };
      let airlock;
      let text: unknown;
      try {
        const operation = this.getNodeParameter("operation", i, "redact");
        if (!isOperation(operation)) {
          throw new TypeError(`unknown operation "${String(operation)}"`);
        }
        const field = this.getNodeParameter("field", i, "text") as string;
        airlock = await airlockFor(this.getNodeParameter("policy", i, ""));
        text = getField(json, field);
        if (typeof text !== "string") {
          throw new TypeError(
            `field "${field}" must be a string, got ${kindOf(text)}`,
          );
        }

        const result = operations[operation](airlock, text);
        if (result.text !== undefined) setField(json, field, result.text);
        json.airlock = result.airlock as unknown as IDataObject;
        out.push(withBinary(item, { json, pairedItem }));
      } catch (e) {
        const error = asNodeError(this, e, i);
        if (!this.continueOnFail()) throw error;

        // The item goes on unchanged, with what went wrong: for a blocked
        // text, the kinds and findings, never the values.
        const report: IDataObject = { error: error.message };
        if (isBlocked(e) && airlock && typeof text === "string") {
          report.airlock = {
            blocked: true,
            kinds: [...(e.kinds ?? [])],
            ...summarize(airlock.scan(text)),
          } as unknown as IDataObject;
        }
        out.push(
          withBinary(item, {
            json: { ...item.json, ...report },
            error,
            pairedItem,
          }),
        );
      }
    }
    return [out];
  }
}

/** Keeps the item's binary data, if any. */
function withBinary(
  item: INodeExecutionData,
  result: INodeExecutionData,
): INodeExecutionData {
  return item.binary ? { ...result, binary: item.binary } : result;
}

/** Wraps any failure in a NodeOperationError naming the item, and for
 * policy errors, the path of the problem. */
function asNodeError(
  fns: IExecuteFunctions,
  e: unknown,
  itemIndex: number,
): NodeOperationError {
  if (e instanceof NodeOperationError) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  const { code, path } = err as { code?: string; path?: string };
  const description =
    code?.startsWith("policy_") && path
      ? `in the policy at ${path}`
      : undefined;
  return new NodeOperationError(fns.getNode(), err, {
    itemIndex,
    ...(description ? { description } : {}),
  });
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
