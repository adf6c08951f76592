// The spec as a newcomer's generator reads it. @hey-api/openapi-ts (types, an SDK on its fetch
// client, and zod validators) generates a second client from spec/openapi.yaml into a scratch folder;
// it must compile under strict TypeScript, and its validators must say what the spec says:
// - no schema name collides with a name the generator derives (`<OperationId>Response`…), which it
//   would resolve by renaming one of them (`ListAssignedFlowsResponse2`);
// - the request validators keep every minimum length, including behind a `$ref` with siblings;
// - the response validators accept every example of the spec, and every date Gong documents (a
//   `format: date-time` on a response field would become a validator refusing three of them).
// So a rewrite of the spec that some generator cannot follow shows here, not in a user's project.
import { execFile } from "node:child_process";
import { readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createClient } from "@hey-api/openapi-ts";
import { scratchDir, type ScratchDir } from "@gong-flows/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const run = promisify(execFile);
const specDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(specDir, "..");
const tsc = join(repoRoot, "node_modules/typescript/bin/tsc");

type Schema = Record<string, unknown>;
type ZodLike = { safeParse(value: unknown): { success: boolean; error?: unknown } };

let scratch: ScratchDir;
let spec: Record<string, any>;
let zod: Record<string, ZodLike>;

beforeAll(async () => {
  scratch = await scratchDir("gong-flows-second-generator-");
  spec = parse(await readFile(join(specDir, "openapi.yaml"), "utf8")) as Record<string, any>;
  await createClient({
    input: join(specDir, "openapi.yaml"),
    output: { path: join(scratch.path, "client") },
    plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk", "zod"],
    logs: { file: false, level: "silent" },
  });
  // The generated code imports `zod`: from the repository's own installation.
  await symlink(join(repoRoot, "node_modules"), join(scratch.path, "node_modules"), "dir");
  zod = (await import(join(scratch.path, "client/zod.gen.ts"))) as Record<string, ZodLike>;
}, 300_000);
afterAll(async () => {
  await scratch?.remove();
});

/** A component schema, its `$ref` followed. */
function resolved(schema: Schema): Schema {
  const ref = schema["$ref"];
  return typeof ref === "string"
    ? (spec["components"]["schemas"][ref.replace("#/components/schemas/", "")] as Schema)
    : schema;
}

describe("a second client generated from the spec (@hey-api/openapi-ts with zod)", () => {
  it("compiles under strict TypeScript", async () => {
    await writeFile(
      join(scratch.path, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "bundler",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          lib: ["ES2022", "DOM"],
        },
        include: ["client"],
      }),
    );
    const result = await run(process.execPath, [tsc, "-p", join(scratch.path, "tsconfig.json")]).then(
      () => "",
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe("");
  }, 300_000);

  it("keeps every schema's own name: none collides with a name the generator derives", async () => {
    const types = await readFile(join(scratch.path, "client/types.gen.ts"), "utf8");
    const exported = [...types.matchAll(/^export type (\w+)/gm)].map((match) => match[1]);
    expect(exported.filter((name) => /\d$/.test(name ?? ""))).toEqual([]);
    for (const name of Object.keys(spec["components"]["schemas"])) expect(exported, name).toContain(name);
  });

  it("keeps every minimum length of the request schemas, behind a $ref with siblings too", () => {
    let checked = 0;
    for (const [name, schema] of Object.entries(spec["components"]["schemas"] as Record<string, Schema>)) {
      if (!name.endsWith("Request")) continue;
      const valid = (schema["examples"] as unknown[])[0] as Record<string, unknown>;
      expect(zod[`z${name}`]?.safeParse(valid).success, `${name}: its example`).toBe(true);
      for (const [property, raw] of Object.entries(schema["properties"] as Record<string, Schema>)) {
        const value = resolved(raw);
        const items = value["items"] ? resolved(value["items"] as Schema) : undefined;
        const tooShort = value["minLength"] ? "" : items?.["minLength"] ? [""] : undefined;
        if (tooShort === undefined) continue;
        expect(
          zod[`z${name}`]!.safeParse({ ...valid, [property]: tooShort }).success,
          `${name}.${property}: ${JSON.stringify(tooShort)}`,
        ).toBe(false);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it("accepts every response example of the spec, and every date Gong documents", () => {
    for (const [path, item] of Object.entries(spec["paths"] as Record<string, Record<string, any>>)) {
      for (const operation of Object.values(item)) {
        // The success answer: 200, or the operation's other 2xx (a bulk assignment is answered 202).
        const status = Object.keys(operation["responses"]).find((code) => code.startsWith("2"))!;
        const example = operation["responses"][status]["content"]["application/json"]["example"];
        const validator = zod[`z${operation.operationId[0].toUpperCase()}${operation.operationId.slice(1)}Response`];
        expect(validator?.safeParse(example).success, `${path}: the example answer`).toBe(true);
      }
    }
    const flow = spec["components"]["schemas"]["AssignedFlow"];
    const dates = flow["properties"]["flowInstanceCreateDate"]["examples"] as string[];
    expect(dates.length).toBeGreaterThanOrEqual(4);
    for (const date of dates) {
      expect(
        zod["zAssignedFlow"]!.safeParse({ ...flow["examples"][0], flowInstanceCreateDate: date }).success,
        date,
      ).toBe(true);
    }
  });
});
