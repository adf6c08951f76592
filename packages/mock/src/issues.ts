import { escapeToken } from "@gong-flows/spec-reader/json-pointer";

/** One problem in input the mock was given: where it is (a JSON pointer) and what is wrong. */
export interface GongMockIssue {
  /** JSON pointer (RFC 6901) of the offending value; `""` is the whole document. */
  readonly path: string;
  /** What is wrong there, in words. */
  readonly message: string;
}

/** Ajv's error objects, as far as the mock reads them. */
export interface AjvErrorLike {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string | undefined;
}

/** Turns an Ajv error into an issue that points at the offending value. */
export function issueOfAjvError(error: AjvErrorLike): GongMockIssue {
  const { instancePath, keyword, params } = error;
  switch (keyword) {
    case "required":
      return { path: `${instancePath}/${escapeToken(String(params["missingProperty"]))}`, message: "is required" };
    case "additionalProperties":
      return {
        path: `${instancePath}/${escapeToken(String(params["additionalProperty"]))}`,
        message: "is not a known property (check its spelling)",
      };
    case "enum":
      return {
        path: instancePath,
        message: `must be one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    case "format":
      return { path: instancePath, message: `must be a valid ${String(params["format"])}` };
    default:
      return { path: instancePath, message: error.message ?? `fails the "${keyword}" rule` };
  }
}

/** One line per issue: `/path: message` (`(document)` for the whole document). */
export function formatIssues(issues: readonly GongMockIssue[]): string {
  return issues.map((issue) => `${issue.path === "" ? "(document)" : issue.path}: ${issue.message}`).join("\n");
}

/**
 * Input the mock refuses — a data set, a fault, an option — with every problem and its JSON pointer.
 * `source` names where the input came from (a file name, `assignedFlows`, `POST /_mock/faults`).
 */
export class GongMockInputError extends Error {
  /** `"GongMockInputError"`: the class's name, which a bundler that renames classes does not change. */
  override name = "GongMockInputError";
  /** Every problem found, each with its JSON pointer. */
  readonly issues: readonly GongMockIssue[];
  /** Where the input came from: a file name, `assignedFlows`, `POST /_mock/faults`. */
  readonly source: string;

  constructor(source: string, issues: readonly GongMockIssue[]) {
    super(`${source} is not valid:\n${formatIssues(issues).replace(/^/gm, "  ")}`);
    this.source = source;
    this.issues = issues;
  }
}
