// The helpers the generated validators call, written out only when called: each is one entry of a
// table (its name, and its code typed and plain), so adding one is one entry.
import type { CompiledValidators } from "./compiler.js";

/** How generated code escapes a property name for a JSON pointer: the spec reader's rule, bundled at build. */
export const pointerImport = 'import { escapeToken as pointer } from "@gong-flows/spec-reader/json-pointer";';

/** A helper: typed code (TypeScript), plain code (JavaScript, the tests evaluate it). */
type Helper = readonly [name: string, typed: string, plain: string];

const isObject: Helper = [
  "isObject",
  'const isObject = (d: unknown): d is Record<string, unknown> => typeof d === "object" && d !== null && !Array.isArray(d);',
  'const isObject = (d) => typeof d === "object" && d !== null && !Array.isArray(d);',
];

/** Whether a value is of one of the types ("string", "integer|null"); "must be a string", … on a wrong one. */
const typeHelpers: Helper[] = [
  [
    "is",
    'const is = (d: unknown, types: string): boolean => {\n  const one = kinds[types];\n  return one ? one(d) : types.split("|").some((t) => kinds[t]!(d));\n};',
    'const is = (d, types) => {\n  const one = kinds[types];\n  return one ? one(d) : types.split("|").some((t) => kinds[t](d));\n};',
  ],
  [
    "wrongType",
    'const wrongType = (types: string, p: string, o: RawIssue[]): boolean => {\n  o.push([p, "must be " + types.split("|").map((t) => (t === "null" ? t : (/^[aeiou]/.test(t) ? "an " : "a ") + t)).join(" or "), "type"]);\n  return false;\n};',
    'const wrongType = (types, p, o) => {\n  o.push([p, "must be " + types.split("|").map((t) => (t === "null" ? t : (/^[aeiou]/.test(t) ? "an " : "a ") + t)).join(" or "), "type"]);\n  return false;\n};',
  ],
];

/** The called helpers that name a property in a JSON pointer. */
const needsPointer = new Set(["required", "known", "property"]);

/** The helpers written only when the code calls them. */
const calledHelpers: Helper[] = [
  [
    "required",
    'const required = (d: any, names: string[], p: string, o: RawIssue[]): void => {\n  for (const k of names) if (d[k] === undefined) o.push([p + "/" + pointer(k), "is required", "required"]);\n};',
    'const required = (d, names, p, o) => {\n  for (const k of names) if (d[k] === undefined) o.push([p + "/" + pointer(k), "is required", "required"]);\n};',
  ],
  [
    "known",
    'const known = (d: any, names: string[], p: string, o: RawIssue[]): void => {\n  for (const k in d) if (!names.includes(k)) o.push([p + "/" + pointer(k), "is not a known property (check its spelling)", "additionalProperties"]);\n};',
    'const known = (d, names, p, o) => {\n  for (const k in d) if (!names.includes(k)) o.push([p + "/" + pointer(k), "is not a known property (check its spelling)", "additionalProperties"]);\n};',
  ],
  // An optional property that asserts only a type: the most common check of all.
  [
    "property",
    'const property = (d: any, k: string, types: string, p: string, o: RawIssue[]): void => {\n  const v = d[k];\n  if (v !== undefined && !is(v, types)) wrongType(types, p + "/" + pointer(k), o);\n};',
    'const property = (d, k, types, p, o) => {\n  const v = d[k];\n  if (v !== undefined && !is(v, types)) wrongType(types, p + "/" + pointer(k), o);\n};',
  ],
  // JSON Schema's equality for the values ids are: a string, number, boolean or null. Arrays and objects
  // are compared by their JSON text, so two objects whose keys differ in order count as two.
  [
    "distinct",
    'const distinct = (d: unknown[]): boolean =>\n  new Set(d.map((v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : typeof v + ":" + String(v)))).size === d.length;',
    'const distinct = (d) =>\n  new Set(d.map((v) => (v !== null && typeof v === "object" ? JSON.stringify(v) : typeof v + ":" + String(v)))).size === d.length;',
  ],
  // Each form of an anyOf / oneOf into an issue list of its own: how many forms hold, and the closest's issues.
  [
    "forms",
    "const forms = (checks: ((o: RawIssue[]) => void)[]): [number, RawIssue[]] => {\n  const lists = checks.map((check) => {\n    const o: RawIssue[] = [];\n    check(o);\n    return o;\n  });\n  const closest = lists.reduce((a, b) => (b.length < a.length ? b : a));\n  return [lists.filter((o) => o.length === 0).length, closest];\n};",
    "const forms = (checks) => {\n  const lists = checks.map((check) => {\n    const o = [];\n    check(o);\n    return o;\n  });\n  const closest = lists.reduce((a, b) => (b.length < a.length ? b : a));\n  return [lists.filter((o) => o.length === 0).length, closest];\n};",
  ],
  [
    "anyOf",
    "const anyOf = (checks: ((o: RawIssue[]) => void)[], _p: string, o: RawIssue[]): void => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n};",
    "const anyOf = (checks, _p, o) => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n};",
  ],
  [
    "oneOf",
    `const oneOf = (checks: ((o: RawIssue[]) => void)[], p: string, o: RawIssue[]): void => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n  else if (held > 1) o.push([p, "must match exactly one of its forms, not several", "oneOf"]);\n};`,
    `const oneOf = (checks, p, o) => {\n  const [held, closest] = forms(checks);\n  if (held === 0) o.push(...closest);\n  else if (held > 1) o.push([p, "must match exactly one of its forms, not several", "oneOf"]);\n};`,
  ],
  // Counts code points, as JSON Schema does (a surrogate pair is one character).
  [
    "codePoints",
    "const codePoints = (s: string): number => {\n  let n = 0;\n  for (const _ of s) n++;\n  return n;\n};",
    "const codePoints = (s) => {\n  let n = 0;\n  for (const _ of s) n++;\n  return n;\n};",
  ],
];

const kindTests: Record<string, string> = {
  string: '(d) => typeof d === "string"',
  number: '(d) => typeof d === "number" && isFinite(d)',
  integer: "Number.isInteger",
  boolean: '(d) => typeof d === "boolean"',
  null: "(d) => d === null",
  array: "Array.isArray",
  object: "isObject",
};

/** The `kinds` table: a test for each JSON type the code names. */
function kindsTable(types: string[], typed: boolean): string {
  const entries = types.map((t) => {
    const test = kindTests[t] as string;
    return `  ${t}: ${typed ? test.replace("(d) =>", "(d: unknown) =>") : test},`;
  });
  const annotation = typed ? ": Record<string, (d: unknown) => boolean>" : "";
  return `const kinds${annotation} = {\n${entries.join("\n")}\n};`;
}

/**
 * The helpers the code of the given compilations calls, each only if it is called (once for all of
 * them, so that the request and the response validators of one file share them). Typed code imports
 * `pointer` ({@link pointerImport}); untyped code (evaluated by the tests) expects it in scope.
 */
export function helpersFor(compilations: CompiledValidators[], { typed = false }: { typed?: boolean } = {}): string[] {
  const code = compilations.flatMap((c) => [...c.functions, ...c.constants]);
  const types = [...new Set(compilations.flatMap((c) => c.types))].sort();
  const uses = (name: string): boolean => code.some((text) => text.includes(`${name}(`) || text.includes(`${name}.`));
  const write = ([, annotated, plain]: Helper): string => (typed ? annotated : plain);
  const out: string[] = [];
  if (types.includes("object")) out.push(write(isObject));
  if (types.length) out.push(kindsTable(types, typed), ...typeHelpers.map(write));
  const called = calledHelpers.filter(([name]) => uses(name) || (name === "forms" && (uses("anyOf") || uses("oneOf"))));
  if (typed && (called.some(([name]) => needsPointer.has(name)) || uses("pointer"))) out.unshift(pointerImport);
  out.push(...called.map(write));
  return out;
}
