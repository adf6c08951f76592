import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { IdKind } from "./id-rules.js";
import type { InputIssue, RawValue } from "./raw-values.js";

/** A JSON array of id strings, or of objects with the id in property `column`. */
export function readJson(text: string, path: string, column: string, kind: IdKind, issues: InputIssue[]): RawValue[] {
  const lineOf = lineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || tree === undefined) {
    for (const error of errors)
      issues.push({
        file: path,
        line: lineOf(error.offset),
        reason: `not valid JSON: ${describeJsonError(printParseErrorCode(error.error))}`,
      });
    if (errors.length === 0) issues.push({ file: path, line: 1, reason: "not valid JSON" });
    return [];
  }
  if (tree.type !== "array") {
    issues.push({
      file: path,
      line: lineOf(tree.offset),
      reason: `expected a JSON array of ids, found ${describeNode(tree)}`,
    });
    return [];
  }
  return (tree.children ?? []).map((node): RawValue => {
    const line = lineOf(node.offset);
    if (node.type === "string") return { line, id: String(node.value).trim() };
    if (node.type === "object") {
      const property = (node.children ?? []).find((p) => p.children?.[0]?.value === column)?.children?.[1];
      if (property === undefined)
        return { line, id: undefined, problem: `the object has no "${column}" property; name it with --column` };
      if (property.type !== "string")
        return { line, id: undefined, problem: `"${column}" must be a string, found ${describeNode(property)}` };
      const prospectNode =
        kind === "flowInstanceId"
          ? (node.children ?? []).find((p) => p.children?.[0]?.value === "crmProspectId")?.children?.[1]
          : undefined;
      const prospect = prospectNode?.type === "string" ? String(prospectNode.value).trim() : undefined;
      return { line, id: String(property.value).trim(), crmProspectId: prospect === "" ? undefined : prospect };
    }
    if (node.type === "number") {
      return {
        line,
        id: undefined,
        problem: "ids must be JSON strings, found a number (write it in quotes: long numbers lose digits in JSON)",
      };
    }
    return { line, id: undefined, problem: `ids must be JSON strings, found ${describeNode(node)}` };
  });
}

function describeNode(node: JsonNode): string {
  if (node.type === "null") return "null";
  if (node.type === "array" || node.type === "object") return `an ${node.type}`;
  return `a ${node.type}`;
}

function describeJsonError(code: string): string {
  // jsonc-parser's codes are identifiers ("ValueExpected"); make them read as words.
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Maps an offset in `text` to its 1-based line number. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) starts.push(i + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}
