import { describe, expect, it } from 'vitest';
import { csvCell, exportFileName, toCsv, toJson } from './batch-export';
import type { RunView } from './types';

const base: RunView = {
  id: 'run1',
  batchId: '0b6f3c52-5a3e-4c55-9d1a-2f0f7b8e9a10',
  status: 'passed',
  checkSlug: 'ipvs-rules',
  checkTitle: 'IPVS rules',
  hostId: 'host1',
  hostName: 'director-1',
  argv: ['ipvsadm', '-S', '-n'],
  params: {},
  exitCode: 0,
  stdout: '-A -t 10.54.213.148:80 -s wrr\n-a -t 10.54.213.148:80 -r 10.131.153.80:80 -g -w 1\n',
  stderr: '',
  stdoutTruncated: false,
  stderrTruncated: false,
  verdict: 'Expected exit code 0; got 0.',
  message: null,
  durationMs: 42,
  requestedBy: 'Ops',
  incidentSlug: null,
  forDraftIncident: false,
  createdAt: '2026-12-03T10:00:00.000Z',
  startedAt: '2026-12-03T10:00:00.010Z',
  finishedAt: '2026-12-03T10:00:00.052Z',
};

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0)).toBe('0');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-A -t 10.54.213.148:80 -s wrr')).toBe("'-A -t 10.54.213.148:80 -s wrr");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // Numbers are written by us, not by a host: a negative exit code stays a number.
    expect(csvCell(-1)).toBe('-1');
  });
});

describe('toCsv / toJson', () => {
  it('writes one header and one row per run, multi-line output inside one quoted cell', () => {
    const csv = toCsv([
      base,
      { ...base, id: 'run2', hostName: 'director-2', status: 'error', exitCode: null, stdout: '', message: 'down, sorry' },
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('host_name,host_id,status,exit_code,verdict,duration_ms,started_at,finished_at,stdout,stderr,message');
    expect(csv).toContain(`"'-A -t 10.54.213.148:80 -s wrr\n-a -t 10.54.213.148:80 -r 10.131.153.80:80 -g -w 1\n"`);
    expect(lines.at(-2)).toBe(
      'director-2,host1,error,,Expected exit code 0; got 0.,42,2026-12-03T10:00:00.010Z,2026-12-03T10:00:00.052Z,,,"down, sorry"',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('exports JSON with the check and every run', () => {
    const parsed = JSON.parse(toJson(base.batchId!, [base]));
    expect(parsed.check).toEqual({ slug: 'ipvs-rules', title: 'IPVS rules', argv: ['ipvsadm', '-S', '-n'], params: {} });
    expect(parsed.runs[0]).toMatchObject({ host_name: 'director-1', exit_code: 0, stdout: base.stdout });
  });

  it('names the file after the check and the launch', () => {
    expect(exportFileName(base.batchId!, 'ipvs-rules', 'csv')).toBe('ipvs-rules-launch-0b6f3c52.csv');
  });
});
