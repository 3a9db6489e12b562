import { describe, expect, it } from 'vitest';
import { incidentFrontmatterSchema } from '@/lib/content/schema';
import { synthIncident } from './generate';

describe('synthIncident', () => {
  it('is deterministic for a seed and index', () => {
    expect(synthIncident(7, 42)).toEqual(synthIncident(7, 42));
    expect(synthIncident(7, 43).slug).not.toBe(synthIncident(7, 42).slug);
  });

  it('produces incidents the content schema accepts', () => {
    for (let i = 0; i < 200; i++) {
      const s = synthIncident(1, i);
      const r = incidentFrontmatterSchema.safeParse({
        slug: s.slug,
        title: s.title,
        summary: s.summary,
        severity: s.severity,
        status: 'resolved',
        startedAt: s.startedAt.toISOString(),
        resolvedAt: s.resolvedAt.toISOString(),
        services: s.services,
        tags: s.tags,
        symptoms: s.symptoms,
        timeline: s.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
        contributingFactors: s.factors,
        resolutionSteps: s.steps.map((x) => ({ text: x.text, command: x.command ?? undefined })),
      });
      expect(r.success, JSON.stringify(r.error?.issues[0])).toBe(true);
    }
  });

  it('varies services, symptoms and commands', () => {
    const many = Array.from({ length: 500 }, (_, i) => synthIncident(3, i));
    expect(new Set(many.map((s) => s.services[0])).size).toBeGreaterThan(20);
    expect(new Set(many.flatMap((s) => s.symptoms)).size).toBeGreaterThan(1000);
    expect(new Set(many.flatMap((s) => s.steps.map((x) => x.command))).size).toBeGreaterThan(300);
  });
});
