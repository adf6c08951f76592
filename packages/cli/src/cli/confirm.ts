import { createInterface } from "node:readline/promises";

/** True when a person can be asked: standard input and standard error are both terminals. */
export function canAsk(stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): boolean {
  return stdin.isTTY === true && stderr.isTTY === true;
}

/** Asks a yes/no question on the terminal; only `y` or `yes` (any case) is yes. */
export async function askYesNo(
  question: string,
  stdin: NodeJS.ReadableStream = process.stdin,
  stderr: NodeJS.WritableStream = process.stderr,
): Promise<boolean> {
  const readline = createInterface({ input: stdin, output: stderr });
  try {
    const answer = await readline.question(`${question} [y/N] `);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    readline.close();
  }
}
