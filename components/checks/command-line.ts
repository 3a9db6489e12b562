/** How an argv template reads to a person: placeholders as <name>, nothing shell-quoted. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => a.replace(/^\{\{([a-z0-9_]+)\}\}$/, '<$1>')).join(' ');
}
