// Inventory files (lib/hosts/inventory.ts): both formats read to the same hosts,
// each row checked with the single-host form's rules, errors on their line,
// bounds named, and never a literal secret.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatOf, INVENTORY_MAX_BYTES, INVENTORY_MAX_HOSTS, parseInventory, type InventoryResult } from './inventory';

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../tests/fixtures/hosts', name), 'utf8');
const before = process.env.AGENT_ALLOW_LOOPBACK;
beforeEach(() => {
  process.env.AGENT_ALLOW_LOOPBACK = 'false';
});
afterEach(() => {
  process.env.AGENT_ALLOW_LOOPBACK = before;
});

const rows = (result: InventoryResult) => {
  if (!result.ok) throw new Error(result.error);
  return result.rows;
};
const errorsOf = (result: InventoryResult) => rows(result).flatMap((r) => r.errors.map((e) => `line ${r.line}: ${e}`));

const EXPECTED = [
  {
    line: 3,
    errors: [],
    host: {
      name: 'director-1',
      role: 'director',
      agentUrl: 'http://10.0.0.5:7070',
      labels: { site: 'par1', tier: 'edge' },
      secretRef: 'env:AGENT_SECRET_DIRECTOR_1',
    },
  },
  {
    line: 9,
    errors: [],
    host: {
      name: 'director-2',
      role: 'director',
      agentUrl: 'http://10.0.0.6:7070',
      labels: { site: 'par1', tier: 'edge', kernel: '6.1' },
      secretRef: 'file:/etc/pmkb/director-2.secret',
    },
  },
  { line: 14, errors: [], host: { name: 'proxy-1', role: 'proxy', agentUrl: 'http://proxy-1.dc.internal:7070' } },
];

describe('parseInventory', () => {
  it('reads the YAML fixture with the line each host starts on', () => {
    expect(rows(parseInventory(fixture('inventory.yaml'), 'yaml'))).toEqual(EXPECTED);
  });

  it('reads the CSV fixture to the same hosts, quoted labels included', () => {
    const csv = rows(parseInventory(fixture('inventory.csv'), 'csv'));
    expect(csv.map((r) => r.line)).toEqual([2, 3, 4]);
    // An empty labels cell states "no labels"; an empty secret cell keeps the stored secret.
    expect(csv.map((r) => r.host)).toEqual([EXPECTED[0]!.host, EXPECTED[1]!.host, { ...EXPECTED[2]!.host, labels: {} }]);
  });

  it('accepts a bare YAML list', () => {
    const text = '- name: d-1\n  role: director\n  agent_url: http://10.0.0.5:7070\n  secret: env:AGENT_SECRET_D1\n';
    expect(rows(parseInventory(text, 'yaml'))[0]).toMatchObject({ line: 1, host: { name: 'd-1' } });
  });

  it('reports each bad row on its line, with the single-host form’s messages', () => {
    const csv = [
      'name,role,agent_url,labels,secret',
      'ok-1,director,http://10.0.0.5:7070,,env:AGENT_SECRET_OK',
      'bad url,director,http://169.254.169.254,,env:AGENT_SECRET_X',
      'ok-2,Director,http://10.0.0.7:7070,"Site=par1",env:AGENT_SECRET_X',
      'ok-1,director,http://10.0.0.8:7070,,env:AGENT_SECRET_X',
      'short,director',
    ].join('\n');
    const errors = errorsOf(parseInventory(csv, 'csv'));
    expect(errors).toEqual([
      'line 3: name: Letters, digits, dots, dashes and underscores.',
      'line 3: agent_url: This agent address is not allowed: link-local, metadata and reserved addresses are refused.',
      'line 4: role: Lowercase letters, digits and dashes, e.g. director.',
      expect.stringMatching(/^line 4: labels: The label key "Site" may hold only lowercase/),
      'line 5: name: ok-1 is also on line 2.',
      'line 6: 2 fields where the header has 5.',
    ]);
  });

  it('refuses loopback agents unless AGENT_ALLOW_LOOPBACK=true, as the form does', () => {
    const text = '- { name: d-1, role: director, agent_url: "http://127.0.0.1:7070", secret: env:AGENT_SECRET_D1 }\n';
    expect(errorsOf(parseInventory(text, 'yaml'))).toEqual([expect.stringMatching(/^line 1: agent_url: .*AGENT_ALLOW_LOOPBACK/)]);
    process.env.AGENT_ALLOW_LOOPBACK = 'true';
    expect(errorsOf(parseInventory(text, 'yaml'))).toEqual([]);
  });

  it('refuses a secret literal without ever repeating it', () => {
    const literal = 'hunter2-0123456789abcdef0123456789abcdef';
    for (const [text, format] of [
      [`name,role,agent_url,secret\nd-1,director,http://10.0.0.5:7070,${literal}\n`, 'csv'],
      [`- { name: d-1, role: director, agent_url: "http://10.0.0.5:7070", secret: ${literal} }\n`, 'yaml'],
      [`- { name: d-1, role: director, agent_url: "http://10.0.0.5:7070", secret: 12345 }\n`, 'yaml'],
    ] as const) {
      const result = parseInventory(text, format);
      const errors = errorsOf(result);
      expect(errors).toEqual([
        expect.stringMatching(/secret: The secret column holds a reference, env:NAME or file:\/path, never the secret itself/),
      ]);
      expect(JSON.stringify(result)).not.toContain(literal);
    }
  });

  it('refuses unknown fields and columns', () => {
    expect(
      errorsOf(parseInventory('- { name: d-1, role: r, agent_url: "http://10.0.0.5:7070", password: x }\n', 'yaml')),
    ).toEqual([expect.stringMatching(/^line 1: .*password/)]);
    expect(parseInventory('name,role,agent_url,password\n', 'csv')).toMatchObject({
      ok: false,
      line: 1,
      error: /unknown column\(s\) "password"/,
    });
    expect(parseInventory('name,role\n', 'csv')).toMatchObject({ ok: false, error: /missing column\(s\) agent_url/ });
  });

  it('refuses YAML that is not a host list, or builds objects, or bombs with aliases', () => {
    expect(parseInventory('hosts: 3\n', 'yaml')).toMatchObject({ ok: false, error: /list of hosts/ });
    expect(parseInventory('- !!js/function "x"\n', 'yaml').ok).toBe(true); // core schema: an unknown tag stays text
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
      'hosts: *i',
    ].join('\n');
    expect(parseInventory(bomb, 'yaml')).toMatchObject({ ok: false, error: /Cannot read the YAML/ });
    expect(parseInventory('hosts:\n  - name: a\n    name: b\n', 'yaml')).toMatchObject({ ok: false, line: 3 });
  });

  it(`bounds the file at ${INVENTORY_MAX_BYTES} bytes and ${INVENTORY_MAX_HOSTS} hosts, and takes 1,000`, () => {
    const line = (i: number) =>
      `h-${i},director,http://10.0.${Math.floor(i / 250)}.${(i % 250) + 1}:7070,site=par1,env:AGENT_SECRET_FLEET`;
    const csv = (n: number) => ['name,role,agent_url,labels,secret', ...Array.from({ length: n }, (_, i) => line(i))].join('\n');
    const thousand = parseInventory(csv(1000), 'csv');
    expect(rows(thousand)).toHaveLength(1000);
    expect(errorsOf(thousand)).toEqual([]);
    expect(parseInventory(csv(INVENTORY_MAX_HOSTS + 1), 'csv')).toMatchObject({ ok: false, error: /at most 2000 per import/ });
    expect(parseInventory(`# ${'x'.repeat(INVENTORY_MAX_BYTES)}\n`, 'yaml')).toMatchObject({
      ok: false,
      error: /larger than 1 MB/,
    });
    expect(parseInventory('', 'yaml')).toMatchObject({ ok: false });
  });

  it('guesses the format from the file name', () => {
    expect(formatOf('fleet.CSV')).toBe('csv');
    expect(formatOf('fleet.yml')).toBe('yaml');
  });
});
