// The batch page's groups as the server renders them: the roles and names the
// e2e spec and screen readers rely on, the diff marks, and an error group that
// shows its message instead of a diff.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { buildBatchView } from '@/lib/checks/batch-view';
import { groupRuns } from '@/lib/checks/grouping';
import type { RunView } from '@/lib/checks/types';
import { refusedMessage, unameOutput } from '@/tests/fixtures/checks/uname-batch';
import { GroupedRuns } from './GroupedRuns';
import { BATCH_OUTPUT_SHOWN_CHARS, RunGroupSection } from './RunGroupSection';

const run = (i: number, over: Partial<RunView>): RunView => ({
  id: `run${i}`,
  batchId: '0b6f3c52-5a3e-4c55-9d1a-2f0f7b8e9a10',
  status: 'passed',
  checkSlug: 'uname',
  checkTitle: 'Kernel and host name',
  hostId: `host${i}`,
  hostName: `director-${i}`,
  argv: ['uname', '-a'],
  params: {},
  exitCode: 0,
  stdout: unameOutput(false),
  stderr: '',
  stdoutTruncated: false,
  stderrTruncated: false,
  verdict: null,
  message: null,
  durationMs: 20,
  requestedBy: 'Ops',
  incidentSlug: null,
  forDraftIncident: false,
  createdAt: '2026-12-03T10:00:00.000Z',
  startedAt: null,
  finishedAt: '2026-12-03T10:00:01.000Z',
  ...over,
});

const runs = [
  run(1, {}),
  run(2, {}),
  run(3, { stdout: unameOutput(true) }),
  run(4, { status: 'error', exitCode: null, stdout: '', message: refusedMessage('director-4') }),
];

describe('batch page groups', () => {
  const view = buildBatchView(runs[0]!.batchId!, runs, { host: '' });
  const html = (i: number, diffView: 'unified' | 'split' = 'unified') =>
    renderToStaticMarkup(
      createElement(RunGroupSection, { view: view.groups[i]!, baseline: view.baseline, diffView, filtered: false }),
    );

  it('labels each group region by its heading and shows the baseline output', () => {
    const base = html(0);
    expect(base).toMatch(/<section aria-labelledby="group-output-0"/);
    expect(base).toContain('<h2 id="group-output-0" class="text-lg font-semibold">2 hosts: same output</h2>');
    expect(base).toContain('6.1.0-27-amd64');
  });

  it('shows a differing group as del/ins lines with the changed words marked, unified and split', () => {
    for (const diffView of ['unified', 'split'] as const) {
      const differs = html(1, diffView);
      expect(differs).toContain('aria-label="stdout of director-3 against baseline (director-1)"');
      expect(differs).toMatch(/<del[^>]*>.*<mark[^>]*>27<\/mark>.*<\/del>/s);
      expect(differs).toMatch(/<ins[^>]*>.*<mark[^>]*>18<\/mark>.*<\/ins>/s);
    }
  });

  it('shows an error group with its message and no diff', () => {
    const error = html(2);
    expect(error).toContain('1 host: agent unreachable');
    expect(error).toContain(refusedMessage('director-4'));
    expect(error).not.toContain('<ins');
  });
});

describe('the check block summary', () => {
  it('lists the groups, links the launch, and never calls an error the same output', () => {
    const out = renderToStaticMarkup(
      createElement(GroupedRuns, { grouping: groupRuns(runs), batchId: runs[0]!.batchId, showBaselineOutput: true }),
    );
    expect(out).toContain('4 hosts: 3 passed, 0 failed, 1 error, 0 timed out');
    expect(out).toContain('href="/checks/batches/0b6f3c52-5a3e-4c55-9d1a-2f0f7b8e9a10"');
    expect(out).toContain('Open the launch');
    expect(out.match(/<li/g)).toHaveLength(3);
    expect(out).toContain('aria-label="Baseline output"');
  });
});

// Attack (issue 10): every group showed its representative output whole. A launch
// has up to 32 groups and each output may be 1 MiB (4 MiB of text once control
// characters are escaped), so hostile agents made each view of the page
// hundreds of MB. The page shows the first part; the run page the rest.
describe('batch page output size', () => {
  const huge = '\\x00'.repeat(1024 * 1024);
  const bulky = [
    run(1, { stdout: huge, stderr: huge }),
    run(2, { stdout: `${huge}b`, stderr: huge }),
    run(3, { status: 'error', exitCode: null, stdout: huge, stderr: huge, message: 'agent said no' }),
  ];
  const view = buildBatchView(bulky[0]!.batchId!, bulky, { host: '' });

  it('shows at most BATCH_OUTPUT_SHOWN_CHARS of each stream per group, with a link to the whole run', () => {
    for (const { group } of view.groups) {
      const html = renderToStaticMarkup(
        createElement(RunGroupSection, {
          view: view.groups.find((g) => g.group === group)!,
          baseline: view.baseline,
          diffView: 'unified',
          filtered: false,
        }),
      );
      expect(html.length).toBeLessThan(4 * BATCH_OUTPUT_SHOWN_CHARS + 20_000);
      expect(html).toContain(`href="/checks/runs/${group.representative.id}"`);
    }
  });
});
