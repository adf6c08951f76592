import { appendPointer, pointer, valueAt } from "./json-pointer.js";
import type { OpenApiDocument } from "./load.js";
import { resolveRef } from "./refs.js";

/** One media type of a request body or response, and where its schema is in the spec. */
export interface MediaTypeSpec {
  mediaType: string;
  /** JSON pointer to the media type object in the spec. */
  pointer: string;
  /** JSON pointer to its schema, or undefined when it has none. */
  schemaPointer: string | undefined;
}

/** A response header the spec documents. */
export interface HeaderSpec {
  /** As written in the spec (`Retry-After`); compare case-insensitively. */
  name: string;
  required: boolean;
  pointer: string;
  schemaPointer: string | undefined;
}

/** One documented response of an operation. */
export interface ResponseSpec {
  /** The key in `responses`: `"200"`, `"4XX"` or `"default"`. */
  status: string;
  /** JSON pointer to the response object, `$ref`s followed. */
  pointer: string;
  content: MediaTypeSpec[];
  headers: HeaderSpec[];
}

/** One operation of the spec, with pointers to every part the checks need. */
export interface OperationSpec {
  operationId: string;
  /** Upper case, as sent: `POST`. */
  method: string;
  /** The path template as written in the spec: `/v2/flows/prospects`. */
  path: string;
  pointer: string;
  requestBody: { required: boolean; content: MediaTypeSpec[] } | undefined;
  /** The OAuth scopes its security requirements name (`api:flows:read`). */
  scopes: string[];
  responses: ResponseSpec[];
}

// The operation fields of an OpenAPI 3.1 Path Item. The suite reads any copy of the spec (a user's fork
// with `--spec`), so it finds operations by what OpenAPI allows, not by what the client's build knows.
const pathItemOperations = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function mediaTypesAt(spec: OpenApiDocument, contentPointer: string): MediaTypeSpec[] {
  const content = valueAt(spec, contentPointer);
  if (content === null || typeof content !== "object") return [];
  return Object.keys(content).map((mediaType) => {
    const at = appendPointer(contentPointer, mediaType);
    const hasSchema = valueAt(spec, appendPointer(at, "schema")) !== undefined;
    return { mediaType, pointer: at, schemaPointer: hasSchema ? appendPointer(at, "schema") : undefined };
  });
}

function headersAt(spec: OpenApiDocument, headersPointer: string): HeaderSpec[] {
  const headers = valueAt(spec, headersPointer);
  if (headers === null || typeof headers !== "object") return [];
  return Object.keys(headers).map((name) => {
    const { pointer: at, node } = resolveRef(spec, appendPointer(headersPointer, name));
    return {
      name,
      required: node["required"] === true,
      pointer: at,
      schemaPointer: node["schema"] === undefined ? undefined : appendPointer(at, "schema"),
    };
  });
}

/** Every operation of the spec, in the order the spec lists them. */
export function listOperations(spec: OpenApiDocument): OperationSpec[] {
  const paths = valueAt(spec, "/paths");
  if (paths === null || typeof paths !== "object") return [];
  const globalSecurity = valueAt(spec, "/security");
  const operations: OperationSpec[] = [];
  for (const path of Object.keys(paths)) {
    for (const method of pathItemOperations) {
      const at = pointer("paths", path, method);
      const operation = valueAt(spec, at) as Record<string, unknown> | undefined;
      if (!operation) continue;
      const operationId = operation["operationId"];
      if (typeof operationId !== "string") throw new Error(`spec: ${at} has no operationId`);

      let requestBody: OperationSpec["requestBody"];
      if (operation["requestBody"] !== undefined) {
        const { pointer: bodyAt, node } = resolveRef(spec, appendPointer(at, "requestBody"));
        requestBody = {
          required: node["required"] === true,
          content: mediaTypesAt(spec, appendPointer(bodyAt, "content")),
        };
      }

      const security = (operation["security"] ?? globalSecurity ?? []) as Record<string, unknown>[];
      const responses = Object.keys((operation["responses"] ?? {}) as object).map((status): ResponseSpec => {
        const { pointer: responseAt } = resolveRef(spec, appendPointer(at, "responses", status));
        return {
          status,
          pointer: responseAt,
          content: mediaTypesAt(spec, appendPointer(responseAt, "content")),
          headers: headersAt(spec, appendPointer(responseAt, "headers")),
        };
      });

      operations.push({
        operationId,
        method: method.toUpperCase(),
        path,
        pointer: at,
        requestBody,
        scopes: [...new Set(security.flatMap((requirement) => Object.values(requirement).flat() as string[]))],
        responses,
      });
    }
  }
  return operations;
}

/**
 * The documented response that covers an HTTP status: the exact code, else its range (`4XX`), else
 * `default`. Undefined when the spec documents nothing for it.
 */
export function responseFor(operation: OperationSpec, status: number): ResponseSpec | undefined {
  const byKey = new Map(operation.responses.map((response) => [response.status.toUpperCase(), response]));
  return byKey.get(String(status)) ?? byKey.get(`${String(status)[0]}XX`) ?? byKey.get("DEFAULT");
}

/** The JSON media type of a request body or response (`application/json` or a `+json` type). */
export function jsonMediaType(content: MediaTypeSpec[]): MediaTypeSpec | undefined {
  return content.find((media) => isJsonMediaType(media.mediaType));
}

/** A media type without its parameters, in lower case: `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
}

/** True for `application/json` and `application/*+json`, parameters ignored. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType);
  return essence === "application/json" || (essence.startsWith("application/") && essence.endsWith("+json"));
}

/**
 * True when the spec marks an operation as a read: it names OAuth scopes and every one of them is a
 * `:read` scope. An operation the spec says nothing about counts as a write, so that a read-only live
 * run never calls it.
 */
export function isReadOperation(operation: OperationSpec): boolean {
  return operation.scopes.length > 0 && operation.scopes.every((scope) => scope.endsWith(":read"));
}
