import { describe, expect, it } from 'vitest';
import { nestToc } from './toc';

describe('nestToc', () => {
  it('nests h3 under the preceding h2', () => {
    expect(
      nestToc([
        { depth: 3, id: 'intro', text: 'Intro' },
        { depth: 2, id: 'fix', text: 'Fix' },
        { depth: 3, id: 'second', text: 'Second' },
        { depth: 2, id: 'end', text: 'End' },
      ]),
    ).toEqual([
      { id: 'intro', text: 'Intro' },
      { id: 'fix', text: 'Fix', children: [{ id: 'second', text: 'Second' }] },
      { id: 'end', text: 'End' },
    ]);
  });
});
