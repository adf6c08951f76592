import { describe, expect, it } from "vitest";
import { decisionMarks } from "../src/decision-marks.js";

describe("decision marks", () => {
  it("lists the marked schemas in document order, nested ones included, and the marks outside schemas", () => {
    const spec = {
      paths: {
        "/x": {
          post: {
            "x-gong-flows-decision": { summary: "not a schema" },
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string", minLength: 1, "x-gong-flows-decision": { minLength: "ours" } },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Email: { type: "string", format: "email", "x-gong-flows-decision": { format: "ours too" } },
          // A property named like the extension is a name, not a mark.
          Named: { type: "object", properties: { "x-gong-flows-decision": { type: "string" } } },
        },
      },
    };
    const { marks, misplaced } = decisionMarks(spec);
    expect(marks.map((mark) => [mark.schemaPointer, mark.mark])).toEqual([
      ["/components/schemas/Email", { format: "ours too" }],
      ["/paths/~1x/post/requestBody/content/application~1json/schema/properties/id", { minLength: "ours" }],
    ]);
    expect(misplaced).toEqual(["/paths/~1x/post"]);
  });
});
