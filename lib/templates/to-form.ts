// A template as the new-postmortem form's starting state. No server-only
// imports: pure, unit-tested (templates.test.ts).
import { emptyIncidentForm, type IncidentForm } from '@/lib/incidents/form';
import type { TemplateFrontmatter } from './schema';

export function templateToForm(t: TemplateFrontmatter, narrative: string, author: string): IncidentForm {
  const k = (list: string, i: number) => `template-${list}-${i}`;
  return {
    ...emptyIncidentForm(author),
    severity: t.severity,
    rootCause: t.rootCause,
    trigger: t.trigger ?? '',
    summary: t.summary,
    impact: t.impact,
    narrative,
    tags: t.tags.map((value, i) => ({ key: k('tags', i), value })),
    symptoms: t.symptoms.map((value, i) => ({ key: k('symptoms', i), value })),
    // Times are the author's to fill: a template cannot know when it happened.
    timeline: t.timeline.map((e, i) => ({ key: k('timeline', i), at: '', kind: e.kind, text: e.text })),
    contributingFactors: t.contributingFactors.map((f, i) => ({
      key: k('factors', i),
      title: f.title,
      detail: f.detail,
      category: f.category ?? '',
    })),
    actionItems: t.actionItems.map((a, i) => ({ key: k('actions', i), text: a.text, owner: '', due: '', status: 'open' })),
  };
}
