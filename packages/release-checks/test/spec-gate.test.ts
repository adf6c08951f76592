import { afterAll, describe, expect, it } from "vitest";
import { ScratchRepo } from "./scratch-repo.js";
import { specEdits } from "./spec-edits.js";

// Each scenario has a scratch repository of its own and the gate takes its folder (no shared state,
// no process.cwd()), so the scenarios run at once: their time is spent in git and oasdiff processes.
const repos: ScratchRepo[] = [];
async function scratchRepo(options?: { clientVersion?: string }): Promise<ScratchRepo> {
  const repo = await ScratchRepo.create(options);
  repos.push(repo);
  return repo;
}
afterAll(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.remove()));
});

describe.concurrent("spec:diff passes", () => {
  it("when the spec did not change and there is no changeset", async () => {
    const repo = await scratchRepo();
    const run = await repo.runGate();
    expect(run.stdout).toContain("The spec has not changed.");
    expect(run.code).toBe(0);
  });

  it("when only a YAML comment changed (the document is the same)", async () => {
    const repo = await scratchRepo();
    await specEdits.changeComment(repo);
    const run = await repo.runGate();
    expect(run.stdout).toContain("The spec has not changed.");
    expect(run.code).toBe(0);
  });

  it("on a compatible edit with a patch changeset, listing the change in words", async () => {
    const repo = await scratchRepo();
    await specEdits.addOptionalResponseProperty(repo);
    await repo.addChangeset("flow-priority", "patch");
    const run = await repo.runGate();
    expect(run.stdout).toMatch(
      /compatible\s+POST \/v2\/flows\/prospects\n\s+added the optional property `prospectsAssigned\/items\/flowPriority`/,
    );
    expect(run.stdout).toContain("patch  .changeset/flow-priority.md");
    expect(run.stdout).toContain("OK: the patch release of @gong-flows/client covers the spec change.");
    expect(run.code).toBe(0);
  });

  it("on a breaking edit with a minor changeset while the client is 0.x", async () => {
    const repo = await scratchRepo({ clientVersion: "0.4.2" });
    await specEdits.addRequiredRequestProperty(repo);
    await repo.addChangeset("workspace-required", "minor");
    const run = await repo.runGate();
    expect(run.stdout).toMatch(
      /BREAKING\s+POST \/v2\/flows\/prospects\n\s+added the new required request property `(?:oneOf\[[^\]]+\]\/)?workspaceId`/,
    );
    expect(run.code).toBe(0);
  });

  it("on a breaking edit with a major changeset once the client is 1.x", async () => {
    const repo = await scratchRepo({ clientVersion: "1.3.0" });
    await specEdits.addRequiredRequestProperty(repo);
    await repo.addChangeset("workspace-required", "major");
    expect((await repo.runGate()).code).toBe(0);
  });

  it("on committed edits as on uncommitted ones", async () => {
    const repo = await scratchRepo();
    await specEdits.addOptionalResponseProperty(repo);
    await repo.addChangeset("flow-priority", "patch");
    await repo.commit("flow priority");
    expect((await repo.runGate()).code).toBe(0);
  });
});

describe.concurrent("spec:diff fails when the spec changed and no changeset releases the client", () => {
  it("on a compatible edit without any changeset", async () => {
    const repo = await scratchRepo();
    await specEdits.addOptionalResponseProperty(repo);
    const run = await repo.runGate();
    expect(run.stdout).toContain("No changeset added since the base releases @gong-flows/client.");
    expect(run.stdout).toContain("FAILED [spec-change-needs-changeset]");
    expect(run.stdout).toContain("run `pnpm changeset`");
    expect(run.code).toBe(1);
  });

  it("on a reworded description, which oasdiff does not count as an API change", async () => {
    const repo = await scratchRepo();
    await specEdits.rewordDescription(repo);
    const run = await repo.runGate();
    expect(run.stdout).toContain("The spec changed only where oasdiff reports no API change");
    expect(run.stdout).toContain("FAILED [spec-change-needs-changeset]");
    expect(run.code).toBe(1);
  });

  it("when the only new changeset releases another package", async () => {
    const repo = await scratchRepo();
    await specEdits.addOptionalResponseProperty(repo);
    await repo.addChangeset("other-package", "minor", "@gong-flows/contract-tests");
    const run = await repo.runGate();
    expect(run.stdout).toContain("FAILED [spec-change-needs-changeset]");
    expect(run.code).toBe(1);
  });

  it("when the client's changeset was already pending at the base (a change brings its own)", async () => {
    const repo = await scratchRepo();
    await repo.git("checkout", "--quiet", "main");
    await repo.addChangeset("earlier-change", "major");
    await repo.commit("an earlier change, not yet released");
    await repo.git("checkout", "--quiet", "-B", "feature");
    await specEdits.addOptionalResponseProperty(repo);
    const run = await repo.runGate();
    expect(run.stdout).toContain("FAILED [spec-change-needs-changeset]");
    expect(run.code).toBe(1);
  });

  it("and names both rules when a breaking edit comes without a changeset", async () => {
    const repo = await scratchRepo();
    await specEdits.removeOperation(repo);
    const run = await repo.runGate();
    expect(run.stdout).toContain("FAILED [breaking-change-needs-major]");
    expect(run.stdout).toContain("FAILED [spec-change-needs-changeset]");
    expect(run.code).toBe(1);
  });
});

describe.concurrent("spec:diff fails when a breaking edit comes with too small a bump", () => {
  const breakingEdits = [
    [
      "a removed operation",
      specEdits.removeOperation,
      /BREAKING\s+POST \/v2\/flows\/prospects\/unassign-flows-by-crm-id\n\s+api path removed without deprecation/,
    ],
    [
      "a new required request property",
      specEdits.addRequiredRequestProperty,
      /added the new required request property `(?:oneOf\[[^\]]+\]\/)?workspaceId`/,
    ],
    [
      "a changed request type",
      specEdits.changeIdType,
      /request property type\/format changed from `string`\/`` to `integer`/,
    ],
    [
      "a narrowed request property (new maxLength)",
      specEdits.limitIdLength,
      /BREAKING\?\s+POST .*\n.*maxLength was set to `18`/,
    ],
    [
      "a removed response property",
      specEdits.removeResponseProperty,
      /BREAKING\?\s+POST \/v2\/flows\/prospects\n\s+removed the optional property `prospectsAssigned\/items\/workspaceId`/,
    ],
    [
      "a response property that may now be null (3.1 type array)",
      specEdits.makeResponsePropertyNullable,
      /BREAKING\s+POST \/v2\/flows\/prospects\n\s+the response property `prospectsAssigned\/items\/flowInstanceOwnerFullName` became nullable/,
    ],
    [
      "a new value of a response enum",
      specEdits.addResponseEnumValue,
      /BREAKING\?\s+POST \/v2\/flows\/prospects\n\s+added the new `Completed` enum value/,
    ],
    [
      "a renamed schema (the client exports the generated `components` type)",
      specEdits.renameSchema,
      /BREAKING\s+\(whole API\)\n\s+removed the schema `ProspectsAssignedFlows`/,
    ],
  ] as const;

  it.each(breakingEdits)(
    "%s with only a patch changeset (client 0.x: minor needed)",
    async (_name, edit, described) => {
      const repo = await scratchRepo();
      await edit(repo);
      await repo.addChangeset("the-change", "patch");
      const run = await repo.runGate();
      expect(run.stdout).toMatch(described);
      expect(run.stdout).toContain("FAILED [breaking-change-needs-major]");
      expect(run.stdout).toContain("bump @gong-flows/client only by patch");
      expect(run.stdout).toContain(
        "While @gong-flows/client is at 0.1.0 (0.x), a breaking change needs at least a minor bump",
      );
      expect(run.stdout).not.toContain("[spec-change-needs-changeset]");
      expect(run.code).toBe(1);
    },
  );

  it("a breaking edit with a minor changeset once the client is 1.x", async () => {
    const repo = await scratchRepo({ clientVersion: "1.3.0" });
    await specEdits.addRequiredRequestProperty(repo);
    await repo.addChangeset("workspace-required", "minor");
    const run = await repo.runGate();
    expect(run.stdout).toContain("A breaking change needs a major bump of @gong-flows/client (now 1.3.0)");
    expect(run.code).toBe(1);
  });
});

describe.concurrent("spec:diff chooses the base", () => {
  it("by default, the merge base with main: changes made on main since are not this branch's", async () => {
    const repo = await scratchRepo();
    await repo.git("checkout", "--quiet", "main");
    await specEdits.addOptionalResponseProperty(repo);
    await repo.addChangeset("on-main", "patch");
    await repo.commit("a change merged to main after the branch was made");
    await repo.git("checkout", "--quiet", "feature");
    const run = await repo.runGate();
    expect(run.stdout).toMatch(/compared with main \(merge base with main, [0-9a-f]{10}\)/);
    expect(run.stdout).toContain("The spec has not changed.");
    expect(run.code).toBe(0);
  });

  it("by default, the latest release tag when there is one", async () => {
    const repo = await scratchRepo();
    await repo.git("tag", "@gong-flows/client@0.1.0", "main");
    await specEdits.addOptionalResponseProperty(repo);
    await repo.commit("an unreleased change without a changeset");
    const run = await repo.runGate();
    expect(run.stdout).toContain("compared with @gong-flows/client@0.1.0 (latest release tag,");
    expect(run.code).toBe(1);
  });

  it("as given with --base", async () => {
    const repo = await scratchRepo();
    await specEdits.addOptionalResponseProperty(repo);
    await repo.commit("a change without a changeset");
    const atHead = await repo.runGate("--base", "HEAD");
    expect(atHead.stdout).toContain("compared with HEAD (given with --base,");
    expect(atHead.code).toBe(0);
    expect((await repo.runGate("--base=main")).code).toBe(1);
  });

  it("and stops with exit code 2 on a base that names no commit", async () => {
    const repo = await scratchRepo();
    const run = await repo.runGate("--base", "no-such-branch");
    expect(run.stderr).toContain("--base no-such-branch names no commit");
    expect(run.code).toBe(2);
  });

  it("and stops with exit code 2 on an unknown option", async () => {
    const repo = await scratchRepo();
    const run = await repo.runGate("--bsae", "main");
    expect(run.stderr).toContain("Usage: pnpm spec:diff");
    expect(run.code).toBe(2);
  });
});

describe.concurrent("spec:diff reports a spec it cannot read", () => {
  it("with exit code 2 and oasdiff's words", async () => {
    const repo = await scratchRepo();
    await specEdits.breakDocument(repo);
    const run = await repo.runGate();
    expect(run.stderr).toContain("spec:diff could not compare the spec");
    expect(run.code).toBe(2);
  });
});

describe.concurrent("spec:diff as a command line", () => {
  it("prints the report and exits 1 when a rule is broken, 0 once a changeset is added", async () => {
    const repo = await scratchRepo();
    await specEdits.addRequiredRequestProperty(repo);
    const failing = await repo.runGateProcess();
    expect(failing.stdout).toContain("FAILED [breaking-change-needs-major]");
    expect(failing.code).toBe(1);
    await repo.addChangeset("workspace-required", "minor");
    const passing = await repo.runGateProcess();
    expect(passing.stdout).toContain("OK: the minor release of @gong-flows/client covers the spec change.");
    expect(passing.code).toBe(0);
  });

  it("exits 2 with the usage on an unknown option", async () => {
    const repo = await scratchRepo();
    const run = await repo.runGateProcess("--bsae", "main");
    expect(run.stderr).toContain("Usage: pnpm spec:diff");
    expect(run.code).toBe(2);
  });
});
