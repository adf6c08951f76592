/**
 * Whether `changeset` with these arguments would ask questions: `changeset` alone and `changeset add`
 * prompt for packages, bumps and a summary, unless `--empty`; `version`, `status`, `publish`, `pre`
 * and `tag` do not.
 */
export function asksQuestions(args: readonly string[]): boolean {
  if (args.some((arg) => ["--empty", "--help", "-h", "--version", "-v"].includes(arg))) return false;
  const command = args.find((arg) => !arg.startsWith("-"));
  return command === undefined || command === "add";
}

/** What `pnpm changeset` prints, and why it fails, when it would ask questions and nobody can answer. */
export const noTerminalMessage = `pnpm changeset asks which packages changed and how, and there is no terminal to answer it: it
would exit 0 having written nothing. Write the changeset yourself instead, a file .changeset/<any-name>.md:

  ---
  "@gong-flows/client": minor
  ---

  What changed, for the package's users (the changelog entry).

one line per package ("@gong-flows/contract-tests": patch, ...), with patch, minor or major (minor for a
breaking change while a package is 0.x). Or run \`pnpm changeset add --empty\` for a change that releases
nothing.
`;
