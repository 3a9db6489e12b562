import { describe, expect, it } from 'vitest';
import { slugSchema } from '@/lib/content/schema';
import { createDraftSchema, draftSlug } from './draft-schema';

describe('draft incidents', () => {
  it('makes valid slugs from any title', () => {
    for (const title of ['GS14 lost its network!', '   ', 'Ünïcödé — über outage', 'x'.repeat(300), '../../etc/passwd']) {
      expect(slugSchema.safeParse(draftSlug(title, 'ab12')).success).toBe(true);
    }
  });
  it('rejects a missing title and an unknown severity', () => {
    const r = createDraftSchema.safeParse({ title: 'a', severity: 'SEV9' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['severity', 'title']);
  });
});
