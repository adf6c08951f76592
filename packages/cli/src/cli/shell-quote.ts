/**
 * Quotes one argument for a POSIX shell: as is when it holds only characters no shell treats
 * specially, otherwise in single quotes (a single quote inside becomes `'\''`).
 */
export function shellQuote(argument: string): string {
  if (argument !== "" && /^[\w@%+=:,./-]+$/.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line that runs `args` again from `cwd`: printed when a job stops early, so that it can
 * be pasted as is (relative paths in it only mean the same thing from the same directory).
 */
export function commandLine(program: string, args: readonly string[], cwd: string): string {
  return `cd ${shellQuote(cwd)} && ${[program, ...args].map(shellQuote).join(" ")}`;
}
