import { describe, expect, it } from 'vitest';
import { FREE_TEXT_MAX, freeTextQuery } from './free-text';
import { analyzeQuery } from './query-text';
import { SEARCH_QUERY_MAX, SEARCH_TERMS_MAX } from './schema';

describe('freeTextQuery', () => {
  it('keeps the distinctive words of an Alertmanager alert, without its payload vocabulary', () => {
    const alert = [
      'alertname="GatewayArpFailed" instance="lb-03:9100" job="node-exporter" severity="critical"',
      'summary: Gateway 193.70.55.1 shows FAILED in ip neigh on eth1.',
    ].join('\n');
    expect(freeTextQuery(alert)).toBe('Gateway Arp Failed lb-03:9100 node-exporter 193.70.55.1 shows ip neigh eth1');
  });

  it('never produces phrases or exclusions, whatever the text holds', () => {
    const q = freeTextQuery('--all -windows "ip neigh" `x` \'y\'');
    const analyzed = analyzeQuery(q);
    expect(analyzed.phrases).toBe('');
    expect(analyzed.negative).toBe('');
    expect(analyzed.positive.split(' ')).toEqual(['all', 'windows', 'ip', 'neigh', 'x', 'y']);
  });

  it('repeats no word and stops at the engine limits', () => {
    const many = Array.from({ length: 40 }, (_, i) => `word${i} WORD${i}`).join(' ');
    const q = freeTextQuery(many);
    expect(q.split(' ')).toHaveLength(SEARCH_TERMS_MAX);
    expect(new Set(q.toLowerCase().split(' ')).size).toBe(SEARCH_TERMS_MAX);
    const long = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, '0')}${'x'.repeat(60)}`).join(' ');
    expect(freeTextQuery(long).length).toBeLessThanOrEqual(SEARCH_QUERY_MAX);
  });

  it('skips hashes and reads no further than FREE_TEXT_MAX', () => {
    expect(freeTextQuery(`${'f'.repeat(80)} conntrack`)).toBe('conntrack');
    expect(freeTextQuery(`${' '.repeat(FREE_TEXT_MAX)}conntrack`)).toBe('');
  });

  it('is empty when nothing searchable is left', () => {
    expect(freeTextQuery('{}=,"" -- :: the and')).toBe('');
    expect(freeTextQuery('\u0000\u200b')).toBe('');
  });
});
