// Check 1: the spec itself. Everything else is held to it, so it is checked first and on every target.
import { describe, it } from "vitest";
import { checkExamplesOf, checkOpenApiStructure, checkSchemaValidity } from "../../src/spec-check.js";
import { assertConforms } from "../../src/violation.js";
import { model } from "../support/contract-context.js";

describe("check 1: the spec itself", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    assertConforms(await checkOpenApiStructure(model.spec));
  });

  it("has only valid JSON Schema 2020-12 schemas (strict: no unknown keyword)", () => {
    assertConforms(checkSchemaValidity(model.spec));
  });

  it("has examples that all validate against their schemas", () => {
    assertConforms(checkExamplesOf(model.spec));
  });
});
