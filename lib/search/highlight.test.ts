import { describe, expect, it } from 'vitest';
import { highlightToHtml, parseHighlight } from './highlight';
import { MARK_END, MARK_START } from './sql';

describe('highlight', () => {
  it('splits ts_headline output into marked and plain parts', () => {
    expect(parseHighlight(`gateway ${MARK_START}FAILED${MARK_END} in ip`)).toEqual([
      { text: 'gateway ', mark: false },
      { text: 'FAILED', mark: true },
      { text: ' in ip', mark: false },
    ]);
  });

  it('escapes document text in the HTML form', () => {
    const html = highlightToHtml(parseHighlight(`<script>alert(1)</script> ${MARK_START}<b>x</b>${MARK_END}`));
    expect(html).toBe('&lt;script&gt;alert(1)&lt;/script&gt; <mark>&lt;b&gt;x&lt;/b&gt;</mark>');
  });

  it('survives unbalanced markers', () => {
    expect(parseHighlight(`a${MARK_START}b`)).toEqual([
      { text: 'a', mark: false },
      { text: 'b', mark: true },
    ]);
    expect(parseHighlight(`a${MARK_END}b`)).toEqual([{ text: 'ab', mark: false }]);
  });
});
