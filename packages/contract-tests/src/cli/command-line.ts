import { defaultOptions } from "@gong-flows/client";
import { Command, CommanderError, Option } from "commander";
import { packageVersion } from "../package-root.js";
import { resolveSettings, settingSources, UsageError, type Flags, type RunSettings } from "../run/settings.js";

type Env = Readonly<Record<string, string | undefined>>;

/** What the command line asks for: a run with these settings, or an exit (help, version, bad usage). */
export type CommandLine =
  | { kind: "run"; settings: RunSettings }
  | { kind: "exit"; code: 0 | 2; stdout: string; stderr: string };

/** Flags that look like credentials: refused with the reason, so that a secret never sits in shell history. */
const credentialFlag = /^--?(access-?key|access-?key-?secret|secret|bearer(-?token)?|token|password|api-?key)(=|$)/i;

const env = (name: keyof typeof settingSources, value = "") => `(env ${settingSources[name].env}${value})`;

const afterHelp = `
Credentials (live targets) come from the environment only, never from a flag, so that they stay out of
shell history and CI logs: GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET (Basic), or GONG_BEARER_TOKEN
(OAuth, with api:flows:read, and api:flows:write for --allow-writes).

Against a live server the suite holds it to what Gong documents. The spec also carries the project's
own, stricter decisions (no empty ids or lists, no unknown properties, the email format, the closed
list of flow statuses; each marked, with its reason, by the x-gong-flows-decision of its schema): what
a live server does with those is reported, not failed, unless --strict. Prism, started by the suite,
is always held to everything.

Exit codes: 0 every check holds (notes and reports allowed); 1 a contract violation; 2 bad usage or
configuration, or the suite could not start (a flag, a variable, the spec file, Prism).

Examples:
  npx @gong-flows/contract-tests
  GONG_ACCESS_KEY=… GONG_ACCESS_KEY_SECRET=… npx @gong-flows/contract-tests --target live \\
    --prospects 00Q5e00000AbCdE --junit contract.xml
  npx @gong-flows/contract-tests --target live --base-url http://127.0.0.1:4010 --allow-writes --strict --rps 0
`;

/**
 * Parses the command line of `gong-flows-contract`. Flags win over their environment variables,
 * which keep working on their own (a CI job can set either).
 */
export function parseCommandLine(argv: readonly string[], environment: Env): CommandLine {
  const credential = argv.find((arg) => credentialFlag.test(arg));
  if (credential) {
    const name = credential.split("=")[0];
    return usage(
      `${name}: credentials are read from the environment only (GONG_ACCESS_KEY and GONG_ACCESS_KEY_SECRET, or GONG_BEARER_TOKEN), never from a flag, which would leave them in shell history and CI logs`,
    );
  }
  let stdout = "";
  let stderr = "";
  const program = new Command("gong-flows-contract")
    .description(
      "Hold a server (the Prism mock of the spec, or a live Gong) and @gong-flows/client to the Gong Engage-flows OpenAPI spec.",
    )
    .addOption(
      new Option("--target <kind>", `what to test: the Prism mock it starts, or a live server ${env("target")}`)
        .choices(["prism", "live"])
        .default(undefined, "prism"),
    )
    .option(
      "--base-url <url>",
      `live: the API's base URL; https:, or http: on a loopback host ${env("baseUrl")} (default: https://api.gong.io)`,
    )
    .option(
      "--prospects <ids>",
      `live: CRM prospect ids to list, comma-separated ${env("prospects")} (default: a made-up id)`,
    )
    .option(
      "--allow-writes",
      `live: also call the write operations: unassign the prospects' flow instances; assign them to the named flow ${env("allowWrites", "=1")}`,
    )
    .option("--assign-flow-id <id>", `live writes: assign the prospects to this flow ${env("assignFlowId")}`)
    .option("--assign-owner-email <email>", `live writes: who owns those flow instances ${env("assignOwnerEmail")}`)
    .option(
      "--strict",
      `live: hold the server to the project's decisions too, exactly as Prism is held ${env("strict", "=1")}`,
    )
    .option(
      "--rps <n>",
      `requests per second; 0 for no pacing ${env("rps")} (default: ${defaultOptions.requestsPerSecond} live, none on Prism)`,
    )
    .option("--num-runs <n>", `runs of each property-based check ${env("numRuns")} (default: 100)`)
    .option(
      "--seed <n>",
      `seed of the property-based checks and of Prism's generated answers ${env("seed")} (default: fixed)`,
    )
    .option(
      "--timeout-ms <n>",
      `time allowed for one answer ${env("timeoutMs")} (default: ${defaultOptions.timeoutMs} live, 10000 on Prism)`,
    )
    .option("--junit <file>", `also write a JUnit XML report there ${env("junit")}`)
    .option(
      "--spec <file>",
      `another copy of the spec (a fork) instead of the one shipped with the suite ${env("spec")}`,
    )
    .version(packageVersion, "-V, --version")
    .helpOption("-h, --help", "show this help")
    .addHelpText("after", afterHelp)
    .showHelpAfterError("(run gong-flows-contract --help for every flag)")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text) });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { kind: "exit", code: error.exitCode === 0 ? 0 : 2, stdout, stderr };
  }
  try {
    return { kind: "run", settings: resolveSettings(program.opts<Flags>(), environment) };
  } catch (error) {
    if (error instanceof UsageError) return usage(error.message);
    throw error;
  }
}

function usage(message: string): CommandLine {
  return {
    kind: "exit",
    code: 2,
    stdout: "",
    stderr: `gong-flows-contract: ${message}\n(run gong-flows-contract --help for every flag)\n`,
  };
}
