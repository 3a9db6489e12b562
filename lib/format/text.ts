/**
 * Splits plain prose (impact statements) into paragraphs. YAML block scalars keep
 * the author's hard wraps; those are not meant as line breaks on screen.
 */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

/**
 * A fenced code block holding `code` verbatim. The fence is longer than any
 * backtick run inside, so a command containing ``` cannot close it early.
 */
export function fencedCode(code: string, language: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code}\n${fence}\n`;
}

/** "1 incident", "3 incidents". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}
