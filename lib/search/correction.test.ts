import { describe, expect, it } from 'vitest';
import { chooseCorrection, correctedQueryParts, editBudget, keysAdjacent, typoDistance } from './correction';

describe('chooseCorrection: only a slip of the finger, on the whole word as typed', () => {
  // The corrections issue 13 found, each with the word it wrongly chose and
  // the other indexed words near it, as search_terms offered them.
  it.each([
    ['zookeeper', ['keep', 'zone', 'zoom']],
    ['plugh', ['plugin', 'plus', 'place']],
    ['consumer', ['consul', 'console', 'consist', 'consol']],
    ['leader', ['loader', 'lead', 'leas', 'leav', 'leap']],
    ['election', ['effect', 'electr', 'select', 'elev', 'expect']],
  ])('leaves %s as typed', (typed, candidates) => {
    expect(chooseCorrection(typed, candidates)).toBeNull();
  });

  it('corrects a swapped pair: ipvsdam -> ipvsadm', () => {
    expect(chooseCorrection('ipvsdam', ['ipv', 'ipvsadm', 'ipvs'])).toBe('ipvsadm');
  });

  it.each([
    ['gatway', 'gateway'], // a dropped letter
    ['dsik', 'disk'], // a swapped pair in a short word
    ['replcia', 'replica'],
    ['timeoyt', 'timeout'], // a neighbouring key
  ])('corrects %s -> %s', (typed, want) => {
    expect(chooseCorrection(typed, [want])).toBe(want);
  });

  it('never corrects a word shorter than four letters', () => {
    expect(chooseCorrection('lag', ['log', 'leg'])).toBeNull();
    expect(chooseCorrection('dsn', ['dns'])).toBeNull();
  });

  it('never changes the first letter', () => {
    expect(chooseCorrection('kafka', ['nafka', 'jafka'])).toBeNull();
  });

  it('corrects plain words only, not command tokens or numbers', () => {
    expect(chooseCorrection('ipvsdam2', ['ipvsadm2'])).toBeNull();
  });

  it('prefers the cheapest, then the closest length, then the first alphabetically', () => {
    expect(chooseCorrection('replcia', ['replica', 'reply'])).toBe('replica');
    expect(chooseCorrection('tset', ['test', 'tst'])).toBe('test');
    expect(chooseCorrection('rotue', ['route', 'rotate'])).toBe('route');
  });
});

describe('the distance behind it', () => {
  it('gives one edit per letter up to seven letters, two from eight', () => {
    expect([3, 4, 7, 8, 12].map(editBudget)).toEqual([0, 1, 1, 2, 2]);
  });

  it('counts a swap, a neighbouring key, an insertion and a deletion as one edit, a far key as two', () => {
    expect(typoDistance('ipvsdam', 'ipvsadm')).toBe(1);
    expect(typoDistance('timeoyt', 'timeout')).toBe(1);
    expect(typoDistance('gatway', 'gateway')).toBe(1);
    expect(typoDistance('leader', 'loader')).toBe(2);
    expect(typoDistance('consum', 'consul')).toBe(2);
  });

  it('knows QWERTY neighbours', () => {
    expect(keysAdjacent('u', 'y')).toBe(true);
    expect(keysAdjacent('e', 'd')).toBe(true);
    expect(keysAdjacent('e', 'o')).toBe(false);
    expect(keysAdjacent('m', 'l')).toBe(false);
  });
});

describe('correctedQueryParts', () => {
  it('replaces the corrected words, whatever their case, and keeps the rest as typed', () => {
    expect(correctedQueryParts('IPVSDAM rules, ipvsdam!', [{ from: 'ipvsdam', to: 'ipvsadm' }])).toEqual([
      { text: 'ipvsadm', corrected: true },
      { text: ' ', corrected: false },
      { text: 'rules', corrected: false },
      { text: ', ', corrected: false },
      { text: 'ipvsadm', corrected: true },
      { text: '!', corrected: false },
    ]);
  });
});
