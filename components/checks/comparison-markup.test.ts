// The then-vs-now section (decision 037) as the server renders it: the changed
// host with its diff, unchanged hosts in one line, skipped hosts named, and an
// error that changed shows its messages instead of a diff.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ComparedHost, Comparison } from '@/lib/checks/evidence-queries';
import { ComparisonSection } from './ComparisonSection';

const answer = (stdout: string, over: Partial<ComparedHost['before']> = {}): ComparedHost['before'] => ({
  status: 'passed',
  exitCode: 0,
  stdout,
  stderr: '',
  message: null,
  ...over,
});

const host = (name: string, before: ComparedHost['before'], after: ComparedHost['after'], changed: boolean): ComparedHost => ({
  hostName: name,
  runId: `now${name}`,
  batchId: null,
  previousRunId: `then${name}`,
  previousBatchId: null,
  before,
  after,
  changed,
  pending: false,
});

const comparison: Comparison = {
  previous: [{ batchId: null, createdAt: '2026-11-01T10:00:00.000Z' }],
  hosts: [
    host('director-1', answer('TCP 10.0.0.1:80 rr\n'), answer('TCP 10.0.0.1:80 rr\n'), false),
    host('director-2', answer('TCP 10.0.0.1:80 rr\n'), answer('TCP 10.0.0.1:80 rr\nTCP 10.0.0.2:80 rr\n'), true),
    host(
      'director-3',
      answer('TCP 10.0.0.1:80 rr\n'),
      answer('', { status: 'error', exitCode: null, message: 'The agent at director-3 refused the connection.' }),
      true,
    ),
  ],
  changed: 2,
  pending: 0,
  skipped: ['director-4'],
  checkTitles: ['IPVS rules'],
};

describe('ComparisonSection', () => {
  const html = renderToStaticMarkup(
    createElement(ComparisonSection, { comparison, heading: 'Compared with the launch of then' }),
  );

  it('says how many hosts changed and names the rest', () => {
    expect(html).toContain('2 hosts changed, 1 unchanged.');
    expect(html).toContain('Unchanged: director-1');
    expect(html).toContain('Not run again (disabled since): director-4');
  });

  it('diffs a changed output and shows a changed error by its message', () => {
    expect(html).toMatch(/director-2:.*then passed, exit 0.*now passed, exit 0/);
    expect(html).toContain('TCP 10.0.0.2:80 rr');
    expect(html).toMatch(/director-3:.*now agent unreachable/);
    expect(html).toContain('Now: The agent at director-3 refused the connection.');
  });
});
