import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { type Document, parseDocument } from "yaml";
import { specDiffCommand } from "../src/spec-diff-command.js";
import { runNode, tsxLoader, type NodeRun } from "./run-node.js";

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const cli = fileURLToPath(new URL("../src/spec-diff-cli.ts", import.meta.url));

/**
 * A throw-away git repository in the system's temporary folder holding just what the gate reads: a copy
 * of this repository's spec and changesets config, and the client's `package.json`. Tests edit it like
 * a contributor would, so they depend neither on this repository's history nor on its branches.
 */
export class ScratchRepo {
  readonly dir: string;

  private constructor(private readonly scratch: ScratchDir) {
    this.dir = scratch.path;
  }

  /**
   * Creates the repository with one commit on `main` (`files` too, by path) and checks out a branch
   * `feature` from it.
   */
  static async create({ clientVersion = "0.1.0", files = {} as Record<string, string> } = {}): Promise<ScratchRepo> {
    const repo = new ScratchRepo(await scratchDir("gong-flows-spec-gate-"));
    await repo.git("init", "--quiet", "--initial-branch=main");
    await mkdir(join(repo.dir, "spec"));
    await mkdir(join(repo.dir, ".changeset"));
    await copyFile(join(repoRoot, "spec/openapi.yaml"), join(repo.dir, "spec/openapi.yaml"));
    await copyFile(join(repoRoot, ".changeset/config.json"), join(repo.dir, ".changeset/config.json"));
    await repo.write(
      "packages/client/package.json",
      JSON.stringify({ name: "@gong-flows/client", version: clientVersion }),
    );
    for (const [path, content] of Object.entries(files)) await repo.write(path, content);
    await repo.commit("the spec as released");
    await repo.git("checkout", "--quiet", "-b", "feature");
    return repo;
  }

  /** Runs git in the repository, with an identity of its own so the machine's configuration does not matter. */
  async git(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync(
      "git",
      [
        "-c",
        "user.name=Spec Gate Test",
        "-c",
        "user.email=spec-gate@example.com",
        "-c",
        "commit.gpgsign=false",
        ...args,
      ],
      {
        cwd: this.dir,
      },
    );
    return stdout.trim();
  }

  async commit(message: string): Promise<void> {
    await this.git("add", "--all");
    await this.git("commit", "--quiet", "--allow-empty", "-m", message);
  }

  async write(path: string, content: string): Promise<void> {
    await mkdir(dirname(join(this.dir, path)), { recursive: true });
    await writeFile(join(this.dir, path), content);
  }

  /**
   * Edits the spec as a YAML document (parsed, changed, written back), so that an edit depends on the
   * spec's structure and never on its layout or comments. Throws when the edit changed nothing, so a
   * test cannot pass because its edit silently did nothing.
   */
  async editSpec(edit: (spec: Document) => void): Promise<void> {
    const path = join(this.dir, "spec/openapi.yaml");
    const text = await readFile(path, "utf8");
    const spec = parseDocument(text);
    edit(spec);
    const edited = spec.toString();
    if (edited === text) throw new Error("the edit changed nothing");
    await writeFile(path, edited);
  }

  /** Writes `.changeset/<name>.md`, as `pnpm changeset` would. */
  async addChangeset(
    name: string,
    bump: "patch" | "minor" | "major",
    packageName = "@gong-flows/client",
  ): Promise<void> {
    await this.write(
      `.changeset/${name}.md`,
      `---\n"${packageName}": ${bump}\n---\n\nA ${bump} change for the test.\n`,
    );
  }

  /** Runs the gate in the repository, in this process (the command line minus its process). */
  runGate(...args: string[]): Promise<NodeRun> {
    return specDiffCommand(args, this.dir);
  }

  /** Runs the gate's command line in the repository in a process of its own, as `pnpm spec:diff` does. */
  runGateProcess(...args: string[]): Promise<NodeRun> {
    return runNode([...tsxLoader, cli, ...args], { cwd: this.dir });
  }

  async remove(): Promise<void> {
    await this.scratch.remove();
  }
}
