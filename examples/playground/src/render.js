/**
 * Pure DOM rendering for the playground. User text only ever goes in
 * through `textContent`, never as HTML.
 */

/**
 * Fills `container` with `text`, each finding wrapped in a `<mark>` that
 * carries its kind, detector and action as data attributes.
 *
 * @param {HTMLElement} container
 * @param {string} text
 * @param {readonly import("./vendor/llm-airlock/dist/index.js").Finding[]} findings
 */
export function renderHighlights(container, text, findings) {
  const parts = [];
  let at = 0;
  for (const f of findings) {
    if (f.start < at) continue;
    parts.push(
      text.slice(at, f.start),
      findingMark(f, text.slice(f.start, f.end)),
    );
    at = f.end;
  }
  parts.push(text.slice(at));
  container.replaceChildren(...parts);
}

/**
 * Fills `container` with the redacted text, each replacement marked.
 * Falls back to plain `expected` should the pieces not add up to it.
 *
 * @param {HTMLElement} container
 * @param {string} input the text before redaction
 * @param {import("./vendor/llm-airlock/dist/index.js").Redaction} result
 */
export function renderRedacted(container, input, result) {
  const parts = [];
  let at = 0;
  for (const f of result.findings) {
    if (f.replacement === undefined || f.start < at) continue;
    const ins = document.createElement("ins");
    ins.dataset.kind = f.kind;
    ins.textContent = f.replacement;
    parts.push(input.slice(at, f.start), ins);
    at = f.end;
  }
  parts.push(input.slice(at));
  container.replaceChildren(...parts);
  if (container.textContent !== result.text) {
    container.textContent = result.text;
  }
}

/**
 * One table row per finding.
 *
 * @param {HTMLTableSectionElement} tbody
 * @param {readonly import("./vendor/llm-airlock/dist/index.js").Finding[]} findings
 * @param {ReadonlyMap<number, string>} replacements by finding start
 */
export function renderTable(tbody, findings, replacements) {
  tbody.replaceChildren(
    ...findings.map((f) => {
      const row = document.createElement("tr");
      row.dataset.action = f.action;
      const becomes =
        f.action === "block"
          ? "blocks the prompt"
          : (replacements.get(f.start) ?? "(left as is)");
      for (const value of [
        f.kind,
        f.detector,
        f.action,
        `${f.start}–${f.end}`,
        becomes,
      ]) {
        const cell = document.createElement("td");
        cell.textContent = value;
        row.append(cell);
      }
      return row;
    }),
  );
}

/** @param {import("./vendor/llm-airlock/dist/index.js").Finding} f */
function findingMark(f, value) {
  const mark = document.createElement("mark");
  mark.dataset.kind = f.kind;
  mark.dataset.detector = f.detector;
  mark.dataset.action = f.action;
  mark.title = `${f.kind} · ${f.detector} · ${f.action}`;
  mark.textContent = value;
  return mark;
}
