import { describe, expect, it } from "vitest";
import { appendPointer, escapeToken, pointer, tokensOf, unescapeToken, valueAt } from "../src/json-pointer.js";

describe("JSON pointers (RFC 6901)", () => {
  it("escapes ~ before /, so that each token reads back as written", () => {
    expect(escapeToken("a/b~c")).toBe("a~1b~0c");
    expect(escapeToken("~1")).toBe("~01");
    for (const token of ["", "~", "/", "~1", "~0/", "a/b~c", "x~/~y"])
      expect(unescapeToken(escapeToken(token))).toBe(token);
  });

  it("builds pointers from raw tokens and splits them back", () => {
    const at = pointer("paths", "/v2/flows/prospects", "post");
    expect(at).toBe("/paths/~1v2~1flows~1prospects/post");
    expect(appendPointer(at, "responses", 200)).toBe(`${at}/responses/200`);
    expect(tokensOf(at)).toEqual(["paths", "/v2/flows/prospects", "post"]);
    expect(tokensOf("")).toEqual([]);
    expect(() => tokensOf("paths")).toThrow(/not a JSON pointer/);
  });

  it("finds the value a pointer names, and nothing where there is none", () => {
    const document = { "a/b": { "c~d": [10, 20] }, own: 1 };
    expect(valueAt(document, "/a~1b/c~0d/1")).toBe(20);
    expect(valueAt(document, "")).toBe(document);
    expect(valueAt(document, "/a~1b/c~0d/01")).toBeUndefined();
    expect(valueAt(document, "/own/x")).toBeUndefined();
    expect(valueAt(document, "/toString")).toBeUndefined();
  });
});
