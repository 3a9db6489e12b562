// zod for synonym groups: the same rules for content/synonyms.yaml and for the
// admin form at /admin/synonyms (docs/decisions/023-search-synonyms.md).
import { z } from 'zod';
import { normalizeTerm } from '@/lib/search/synonyms';
import { safeString } from '@/lib/validation/text';

/** A term is a word or a short phrase an operator types, not a sentence. */
export const TERM_MAX = 40;
/** Words in one term: "horizontal pod autoscaler" is about the longest useful one. */
export const TERM_WORDS_MAX = 5;
/** Terms in one group: more are rarely all true synonyms, and each adds to the query. */
export const GROUP_TERMS_MAX = 8;
/** Groups in the list: a thesaurus, not a dictionary; all of them are held in memory per process. */
export const GROUPS_MAX = 2_000;

// Letters and digits, with inner spaces, dots, dashes or slashes ("5xx", "k8s", "tcp/ip").
const TERM = /^[\p{L}\p{N}](?:[\p{L}\p{N} ./-]*[\p{L}\p{N}])?$/u;

export const termSchema = z
  .string()
  .transform(normalizeTerm)
  .pipe(
    z
      .string()
      .min(1, 'A term cannot be empty.')
      .max(TERM_MAX, `A term has at most ${TERM_MAX} characters.`)
      .regex(TERM, 'A term is letters and digits, with spaces, dots, dashes or slashes between them.')
      .refine((t) => t.split(' ').length <= TERM_WORDS_MAX, `A term has at most ${TERM_WORDS_MAX} words.`),
  );

export const termsSchema = z
  .array(termSchema)
  .min(2, 'A group needs at least two terms.')
  .max(GROUP_TERMS_MAX, `A group has at most ${GROUP_TERMS_MAX} terms.`)
  .superRefine((terms, ctx) => {
    const seen = new Set<string>();
    for (const t of terms) {
      if (seen.has(t)) ctx.addIssue({ code: 'custom', message: `"${t}" is listed twice.` });
      seen.add(t);
    }
  });

/** The form's one text field: terms separated by commas or new lines. */
const termsField = safeString()
  .max(GROUP_TERMS_MAX * (TERM_MAX + 2), 'Too long for one group.')
  .transform((text) =>
    text
      .split(/[,\n]/)
      .map((t) => t.trim())
      .filter(Boolean),
  )
  .pipe(termsSchema);

const idField = safeString().min(1).max(64);
const versionField = z
  .string()
  .regex(/^\d{1,9}$/, 'Reload the page and try again.')
  .transform(Number);

export const createGroupSchema = z.object({ terms: termsField });
export const updateGroupSchema = z.object({ groupId: idField, version: versionField, terms: termsField });
export const deleteGroupSchema = z.object({ groupId: idField, version: versionField });

/** content/synonyms.yaml. */
export const synonymsFileSchema = z
  .object({
    version: z.literal(1),
    groups: z.array(termsSchema).max(GROUPS_MAX, `At most ${GROUPS_MAX} groups.`),
  })
  .strict()
  .superRefine(({ groups }, ctx) => {
    const owner = new Map<string, number>();
    groups.forEach((terms, i) => {
      for (const t of terms) {
        const other = owner.get(t);
        if (other !== undefined)
          ctx.addIssue({ code: 'custom', path: ['groups', i], message: `"${t}" is already in group ${other + 1}.` });
        else owner.set(t, i);
      }
    });
  });
