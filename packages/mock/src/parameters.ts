// The query and path parameters of a request, read and checked against the spec's parameter schemas
// (generated from the spec, as the component schemas are): the GET operations' counterpart of the
// request-body check.
import { specParameters, specSchemas } from "./generated/spec-schemas.js";
import type { GongMockIssue } from "./issues.js";
import type { MockOperationName } from "./routes.js";
import { schemaValidator } from "./schema-validator.js";

interface ParameterSpec {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: Record<string, unknown>;
}

/** The parameters of a request, by where they were sent. */
export interface RequestParameters {
  query: Record<string, unknown>;
  path: Record<string, string>;
}

const parameterSpecs: Readonly<Record<string, readonly ParameterSpec[]>> = specParameters;
const validators = new Map<ParameterSpec, (value: unknown) => GongMockIssue[]>();

/** The JSON type a parameter's schema gives (through its `$ref`), which decides how its text is read. */
function typeOf(schema: Record<string, unknown>): unknown {
  const ref = schema["$ref"];
  if (typeof ref !== "string") return schema["type"];
  const name = ref.slice(ref.lastIndexOf("/") + 1);
  return (specSchemas.$defs as Record<string, { type?: unknown }>)[name]?.type;
}

/** A parameter's text as its schema's type, or undefined when it cannot be. */
function parsed(text: string, type: unknown): unknown {
  if (type === "boolean") return text === "true" ? true : text === "false" ? false : undefined;
  if (type === "integer" || type === "number") return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
  return text;
}

/** A path segment decoded; one that is not valid percent-encoding is taken as it is. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The values of a path template's `{name}` segments, read from the end of `pathname`. */
function pathValues(template: string, pathname: string): Record<string, string> {
  const names = template.split("/");
  const values = pathname.split("/").slice(-names.length);
  const out: Record<string, string> = {};
  names.forEach((segment, index) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    const value = values[index];
    if (name !== undefined && value !== undefined && value !== "") out[name] = decoded(value);
  });
  return out;
}

/**
 * Reads the operation's query and path parameters from `url`: each present at most once, of its
 * schema's type and valid against its schema, the required ones present. Returns them, or every problem
 * (`flowOwnerEmail (query): is required`). Parameters the spec does not define are left alone.
 */
export function readParameters(
  operation: MockOperationName,
  template: string,
  url: URL,
): RequestParameters | GongMockIssue[] {
  const found: RequestParameters = { query: {}, path: pathValues(template, url.pathname) };
  const issues: GongMockIssue[] = [];
  for (const parameter of parameterSpecs[operation] ?? []) {
    const at = `${parameter.name} (${parameter.in})`;
    const texts =
      parameter.in === "query"
        ? url.searchParams.getAll(parameter.name)
        : [found.path[parameter.name]].filter((text) => text !== undefined);
    if (texts.length === 0) {
      if (parameter.required) issues.push({ path: at, message: "is required" });
      continue;
    }
    if (texts.length > 1) issues.push({ path: at, message: "is given more than once" });
    const value = parsed(texts[0]!, typeOf(parameter.schema));
    if (value === undefined) {
      issues.push({ path: at, message: `must be ${String(typeOf(parameter.schema))}` });
      continue;
    }
    issues.push(...validatorOf(parameter)(value).map((issue) => ({ path: at, message: issue.message })));
    if (parameter.in === "query") found.query[parameter.name] = value;
  }
  return issues.length > 0 ? issues : found;
}

function validatorOf(parameter: ParameterSpec): (value: unknown) => GongMockIssue[] {
  let validate = validators.get(parameter);
  if (validate === undefined) {
    validate = schemaValidator(parameter.schema);
    validators.set(parameter, validate);
  }
  return validate;
}
