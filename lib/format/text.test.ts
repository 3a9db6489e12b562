import { describe, expect, it } from 'vitest';
import { fencedCode, paragraphs, plural } from './text';

describe('paragraphs', () => {
  it('joins hard-wrapped lines and splits on blank lines', () => {
    expect(paragraphs('one\ntwo\n\n  three  \n\n\n')).toEqual(['one two', 'three']);
    expect(paragraphs('')).toEqual([]);
  });
});

describe('fencedCode', () => {
  it('uses a plain fence for ordinary commands', () => {
    expect(fencedCode('ip route', 'bash')).toBe('```bash\nip route\n```\n');
  });
  it('outgrows backtick runs inside the code', () => {
    expect(fencedCode('echo ```x```', 'bash')).toBe('````bash\necho ```x```\n````\n');
  });
});

describe('plural', () => {
  it('picks the form by count', () => {
    expect(plural(1, 'incident')).toBe('1 incident');
    expect(plural(0, 'incident')).toBe('0 incidents');
    expect(plural(1200, 'entry', 'entries')).toBe('1,200 entries');
  });
});
