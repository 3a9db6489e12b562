import { describe, expect, it } from 'vitest';
import { PREPARED_SHAPES_MAX, preparedStatement } from './prepared-statements';

describe('preparedStatement', () => {
  it('names a text the same way every time, and two texts differently, keeping the values', () => {
    const a = preparedStatement({ text: 'SELECT $1::int AS prepared_a', values: [1] });
    const again = preparedStatement({ text: 'SELECT $1::int AS prepared_a', values: [2] });
    const b = preparedStatement({ text: 'SELECT $1::int AS prepared_b', values: [1] });
    expect(a.name).toMatch(/^pmkb_[0-9a-f]{32}$/);
    expect(again).toEqual({ name: a.name, text: 'SELECT $1::int AS prepared_a', values: [2] });
    expect(b.name).not.toBe(a.name);
  });

  it('sends texts past the first PREPARED_SHAPES_MAX unnamed, so the server keeps a bounded number of plans', () => {
    const configs = Array.from({ length: PREPARED_SHAPES_MAX + 5 }, (_, i) =>
      preparedStatement({ text: `SELECT ${i} AS bounded`, values: [] }),
    );
    expect(configs.filter((c) => c.name).length).toBeLessThanOrEqual(PREPARED_SHAPES_MAX);
    expect(configs.at(-1)).toEqual({ text: `SELECT ${PREPARED_SHAPES_MAX + 4} AS bounded`, values: [] });
    // A text named before stays named.
    expect(preparedStatement({ text: 'SELECT $1::int AS prepared_a', values: [3] }).name).toMatch(/^pmkb_/);
  });
});
