import { describe, expect, it } from "vitest";
import { knownSecrets, redactor } from "../src/secrets.js";

describe("the secrets the CLI knows of", () => {
  it("include a Redis password of any length, which the client's redaction then replaces where it stands alone", () => {
    const secrets = knownSecrets({ redisUrl: "redis://ann:q7@127.0.0.1:6379", env: {} });
    expect(secrets).toContain("q7");
    const redact = redactor(secrets);
    expect(redact("AUTH ann q7 refused; url redis://ann:q7@127.0.0.1:6379")).toBe(
      "AUTH ann [REDACTED] refused; url redis://ann:[REDACTED]@127.0.0.1:6379",
    );
  });

  it("leave out what is empty or only white space", () => {
    expect(knownSecrets({ env: { GONG_BEARER_TOKEN: "  " } })).toEqual([]);
  });
});
