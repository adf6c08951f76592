/**
 * `@gong-flows/client`: a typed client for Gong's Engage-flow API endpoints.
 *
 * @packageDocumentation
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

export type { components, operations, paths } from "./generated/schema.js";

/** One flow instance: a prospect's assignment to a Gong Engage flow (Gong's `PublicApiAssignedFlow`). */
export type AssignedFlow = components["schemas"]["AssignedFlow"];

/** A plain openapi-fetch client typed with the spec's `paths`. */
export function createRawClient(options: ClientOptions = {}): Client<paths> {
  return createClient<paths>({ baseUrl: "https://api.gong.io", ...options });
}
