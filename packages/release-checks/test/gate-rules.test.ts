import { describe, expect, it } from "vitest";
import { bumpNeededForBreaking, judge, type GateInput } from "../src/gate.js";
import { strongestBump, type PackageChangeset } from "../src/pending-changesets.js";

const base: GateInput = {
  specChanged: true,
  breaking: false,
  bump: "patch",
  currentVersion: "0.1.0",
  packageName: "@gong-flows/client",
};
const rules = (input: Partial<GateInput>) => judge({ ...base, ...input }).map((failure) => failure.rule);

describe("the bump a breaking change needs", () => {
  it("is minor while the version is 0.x and major from 1.0.0 on", () => {
    expect(bumpNeededForBreaking("0.1.0")).toBe("minor");
    expect(bumpNeededForBreaking("0.99.3")).toBe("minor");
    expect(bumpNeededForBreaking("1.0.0")).toBe("major");
    expect(bumpNeededForBreaking("10.2.0")).toBe("major");
  });
});

describe("the gate's rules", () => {
  it("let anything through when the spec did not change", () => {
    expect(rules({ specChanged: false, breaking: true, bump: "none" })).toEqual([]);
  });

  it("want a changeset for any change", () => {
    expect(rules({ bump: "none" })).toEqual(["spec-change-needs-changeset"]);
    expect(rules({ bump: "patch" })).toEqual([]);
  });

  it("want a minor or major bump for a breaking change at 0.x", () => {
    expect(rules({ breaking: true, bump: "patch" })).toEqual(["breaking-change-needs-major"]);
    expect(rules({ breaking: true, bump: "minor" })).toEqual([]);
    expect(rules({ breaking: true, bump: "major" })).toEqual([]);
  });

  it("want a major bump for a breaking change from 1.0.0 on", () => {
    expect(rules({ breaking: true, bump: "minor", currentVersion: "1.2.0" })).toEqual(["breaking-change-needs-major"]);
    expect(rules({ breaking: true, bump: "major", currentVersion: "1.2.0" })).toEqual([]);
  });

  it("report both rules when a breaking change has no changeset", () => {
    expect(rules({ breaking: true, bump: "none" })).toEqual([
      "breaking-change-needs-major",
      "spec-change-needs-changeset",
    ]);
  });
});

describe("the bump of several changesets", () => {
  const changeset = (bump: PackageChangeset["bump"]): PackageChangeset => ({
    file: `.changeset/${bump}.md`,
    bump,
    summary: "",
  });

  it("is the strongest of them, and none without any", () => {
    expect(strongestBump([])).toBe("none");
    expect(strongestBump([changeset("patch"), changeset("major"), changeset("minor")])).toBe("major");
    expect(strongestBump([changeset("patch"), changeset("patch")])).toBe("patch");
  });
});
