import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from './plain-text';

// Markdown syntax a snippet must never show.
const MARKUP = /^#{1,6}\s|\*\*|`|\]\(|^\s*[-*+]\s|^\s*\d+\.\s|^\||```/m;

describe('markdownToPlainText', () => {
  it('keeps the words and drops headings, emphasis, code spans, links and list markers', () => {
    const md = [
      '## How it fails',
      '',
      'The director sends **every** packet to `ipvsadm` rules; see [the guide](https://example.test/g).',
      '',
      '- first item',
      '1. Is the **director** running',
      '',
      '> quoted advice',
    ].join('\n');
    expect(markdownToPlainText(md)).toBe(
      [
        'How it fails.',
        'The director sends every packet to ipvsadm rules; see the guide.',
        'first item.',
        'Is the director running.',
        'quoted advice.',
      ].join('\n'),
    );
  });

  it('leaves out check fences and keeps command lines, one per line', () => {
    const md = '```check\nunicorns-vip\n```\n\n```bash\nsudo ipvsadm -l -n   # rules\n\ncurl http://$VIP:70\n```\n';
    expect(markdownToPlainText(md)).toBe('sudo ipvsadm -l -n   # rules\ncurl http://$VIP:70');
  });

  it('reads table rows as sentences and drops raw HTML', () => {
    const md = '| Director | Where |\n| --- | --- |\n| ARP | A `rkt` pod |\n\n<div>hidden</div>\n';
    expect(markdownToPlainText(md)).toBe('Director, Where.\nARP, A rkt pod.');
  });

  it('leaves no markdown syntax in the seed runbook', () => {
    const file = path.resolve(import.meta.dirname, '../../content/runbooks/kube2ipvs-troubleshooting.md');
    const body = readFileSync(file, 'utf8').split(/^---$/m).slice(2).join('---');
    const plain = markdownToPlainText(body);
    expect(plain.split('\n').filter((l) => MARKUP.test(l))).toEqual([]);
    expect(plain).toContain('How kube2ipvs fails.');
    expect(plain).not.toContain('unicorns-vip\n');
  });
});
