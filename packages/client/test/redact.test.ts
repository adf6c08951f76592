import { describe, expect, it } from "vitest";
import { createRedactor, redactSecrets } from "../src/index.js";

describe("a secret shorter than 4 characters", () => {
  it("is replaced wherever it stands alone: in a URL's user info, quoted, at either end", () => {
    const redactor = createRedactor();
    redactor.add("pw");
    redactor.add("q7");
    expect(redactor.text("redis://q7:pw@127.0.0.1:6379 said 'pw' pw")).toBe(
      "redis://[REDACTED]:[REDACTED]@127.0.0.1:6379 said '[REDACTED]' [REDACTED]",
    );
  });

  it("is left inside a longer run of letters and digits, so ordinary words stay whole", () => {
    expect(redactSecrets("password pwd q7x 2q7 héq7", ["pw", "q7"])).toBe("password pwd q7x 2q7 héq7");
  });

  it("is replaced in its base64 and percent-encoded forms too", () => {
    const secret = "p@";
    const forms = [Buffer.from(secret).toString("base64"), encodeURIComponent(secret)];
    expect(forms).toEqual(["cEA=", "p%40"]);
    expect(redactSecrets(`auth ${forms.join(" and ")} end`, [secret])).toBe("auth [REDACTED] and [REDACTED] end");
  });

  it("is matched as text, not as a pattern", () => {
    expect(redactSecrets("a.b axb (a.b)", ["a.b"])).toBe("[REDACTED] axb ([REDACTED])");
    expect(redactSecrets("x $& y", ["$&"])).toBe("x [REDACTED] y");
  });

  it("never touches the marker another secret left", () => {
    expect(redactSecrets("long-secret-value", ["long-secret-value", "RED", "[", "]"])).toBe("[REDACTED]");
  });
});
