// The /api/docs page renders every operation of the document on the server, with no script of its own.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import ApiDocsPage from '@/app/api/docs/page';
import { OPERATIONS } from '@/lib/api/ops';

describe('/api/docs', () => {
  const html = renderToStaticMarkup(createElement(ApiDocsPage));

  it('lists every operation with its method, path and summary', () => {
    for (const op of OPERATIONS) {
      expect(html).toContain(`${op.method} ${op.path}`);
      expect(html).toContain(op.summary);
    }
  });

  it('shows parameters and the If-Match header, and carries no script', () => {
    expect(html).toContain('cursor');
    expect(html).toContain('If-Match');
    expect(html).not.toMatch(/<script/i);
  });
});
