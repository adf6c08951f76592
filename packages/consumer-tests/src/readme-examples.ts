import { readFile } from "node:fs/promises";

/** A code block of a README that is meant to run, with the file name it runs as. */
export interface ReadmeExample {
  /** The name given in its marker, e.g. `client/offboard.test.ts`. */
  readonly file: string;
  readonly code: string;
  /** The README line of the block's opening fence, for failure messages. */
  readonly line: number;
}

/**
 * The runnable examples of a README: every fenced code block directly preceded by a marker line
 * `<!-- example: <file> -->` (invisible when the README is rendered). Examples are tested as a user
 * would run them, so a README that drifts from the packages fails the tests.
 */
export async function readmeExamples(readmePath: string): Promise<ReadmeExample[]> {
  const lines = (await readFile(readmePath, "utf8")).split("\n");
  const examples: ReadmeExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!-- example: (\S+) -->$/.exec(lines[i]!.trim());
    if (!marker) continue;
    const fence = /^(`{3,})\w*$/.exec(lines[i + 1]?.trim() ?? "");
    if (!fence) throw new Error(`${readmePath}:${i + 1}: the example marker must be followed by a code fence`);
    const end = lines.findIndex((line, at) => at > i + 1 && line.trim() === fence[1]);
    if (end === -1) throw new Error(`${readmePath}:${i + 2}: the example's code fence is never closed`);
    examples.push({ file: marker[1]!, code: `${lines.slice(i + 2, end).join("\n")}\n`, line: i + 2 });
    i = end;
  }
  return examples;
}
