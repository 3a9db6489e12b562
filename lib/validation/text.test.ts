import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { escapeControlChars, safeString, safeText, unsafeTextProblem } from './text';

describe('safeString', () => {
  it('accepts tabs, newlines and any real character, and normalises line endings', () => {
    expect(safeString().parse('a\tb\r\nc\rd\ne 日本 🔥')).toBe('a\tb\nc\nd\ne 日本 🔥');
  });

  it.each([
    ['a\u0000b', 'U+0000', 2],
    [`${'x'.repeat(11)}\u0000`, 'U+0000', 12],
    ['\u001b[31mred', 'U+001B', 1],
    ['bell\u0007', 'U+0007', 5],
    ['del\u007f', 'U+007F', 4],
    ['\u000b', 'U+000B', 1],
  ])('refuses the control character in %j by position', (input, code, position) => {
    const result = safeString().safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(`Contains a control character (${code}) at position ${position}; remove it.`);
  });

  it.each([['\uD800'], ['a\uDC00'], ['\uDBFF\u0041']])('refuses the lone surrogate in %j', (input) => {
    expect(safeString().safeParse(input).error?.issues[0]?.message).toMatch(
      /invalid character \(unpaired surrogate U\+D[89A-F][0-9A-F]{2}\)/,
    );
  });

  it('accepts a surrogate pair', () => {
    expect(safeString().parse('\uD83D\uDD25')).toBe('🔥');
  });

  it('reports the problem at the field path inside an object', () => {
    const schema = z.object({ title: safeText(10) });
    expect(schema.safeParse({ title: 'a\u0000' }).error?.issues.map((i) => i.path)).toEqual([['title']]);
    expect(unsafeTextProblem('fine')).toBeNull();
  });
});

describe('escapeControlChars', () => {
  it('makes a NUL and other controls visible and keeps tabs and newlines', () => {
    expect(escapeControlChars('a\u0000b\tc\r\nd\re\u001b[0m')).toBe('a\\x00b\tc\nd\\x0De\\x1B[0m');
  });
  it('replaces lone surrogates and leaves ordinary text as it is', () => {
    expect(escapeControlChars('x\uD800y 日本 🔥')).toBe('x\uFFFDy 日本 🔥');
    expect(escapeControlChars('plain\n')).toBe('plain\n');
  });
});
