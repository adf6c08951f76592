import { describe, expect, it } from "vitest";
import { pointerOfRef, refTarget, resolveRef } from "../src/refs.js";

const spec = {
  components: {
    schemas: { "A B": { type: "string" }, "a/b": { $ref: "#/components/schemas/A%20B" } },
    responses: {
      Ok: { $ref: "#/components/responses/Real" },
      Real: { description: "ok" },
      Loop: { $ref: "#/components/responses/Loop" },
    },
  },
};

describe("$ref resolution", () => {
  it("reads a local $ref as a percent-decoded JSON pointer, and refuses any other", () => {
    expect(pointerOfRef("#/components/schemas/A%20B")).toBe("/components/schemas/A B");
    expect(() => pointerOfRef("other.yaml#/x")).toThrow(/only local \$refs/);
  });

  it("finds a $ref's target one hop away, with escaped names, and says when there is none", () => {
    expect(refTarget(spec, "#/components/schemas/a~1b")).toEqual({ $ref: "#/components/schemas/A%20B" });
    expect(() => refTarget(spec, "#/components/schemas/Missing")).toThrow(
      "$ref #/components/schemas/Missing does not resolve",
    );
  });

  it("follows a chain of $refs to the object and its pointer, and stops on a cycle", () => {
    expect(resolveRef(spec, "/components/responses/Ok")).toEqual({
      pointer: "/components/responses/Real",
      node: { description: "ok" },
    });
    expect(() => resolveRef(spec, "/components/responses/Loop")).toThrow(/\$ref cycle/);
  });
});
