// zod schema of a catalog check: content/checks/<slug>.md frontmatter.
import { z } from 'zod';
import { isSafeTemplate, PARAM_NAME, templateParams } from '@/agent/argv';
import { slugSchema, TITLE_MAX } from '@/lib/content/schema';
import { safeString } from '@/lib/validation/text';

/** An argv longer than this is a script in disguise. */
export const ARGV_MAX = 32;
/** Parameters per check: each one is something an operator must type. */
export const PARAMS_MAX = 8;
/** A check that needs longer than a minute is a job, not a diagnostic. */
export const CHECK_TIMEOUT_MAX_MS = 60_000;
export const CHECK_TIMEOUT_MIN_MS = 500;

const regexSource = safeString()
  .min(1)
  .max(500)
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

export const paramSpecSchema = z
  .object({
    name: z.string().regex(PARAM_NAME, 'lowercase letters, digits and underscores, starting with a letter'),
    pattern: regexSource,
    description: safeString().max(300).optional(),
    example: safeString().max(256).optional(),
  })
  .strict();

export const expectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exit_code'), value: z.number().int().min(0).max(255).default(0) }).strict(),
  z.object({ kind: z.literal('equals'), value: safeString().max(1000) }).strict(),
  z.object({ kind: z.literal('contains'), value: safeString().min(1).max(1000) }).strict(),
  z.object({ kind: z.literal('regex'), value: regexSource }).strict(),
]);
export type Expectation = z.infer<typeof expectSchema>;

export const checkFrontmatterSchema = z
  .object({
    slug: slugSchema,
    title: safeString().trim().min(1).max(TITLE_MAX),
    argv: z.array(safeString().min(1).max(256)).min(1).max(ARGV_MAX),
    params: z.array(paramSpecSchema).max(PARAMS_MAX).default([]),
    expect: expectSchema.default({ kind: 'exit_code', value: 0 }),
    readOnly: z.boolean().default(true),
    // `required`: a launch waits for a second person's approval (lib/approvals).
    approval: z.enum(['required', 'none']).optional(),
    timeoutMs: z.number().int().min(CHECK_TIMEOUT_MIN_MS).max(CHECK_TIMEOUT_MAX_MS).default(10_000),
    targetRole: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a host role: lowercase letters, digits and dashes')
      .optional(),
  })
  .strict()
  .superRefine((check, ctx) => {
    // Defence in depth with the agent's own allowChanging list: nothing that
    // changes a host can be launched without a second person.
    if (!check.readOnly && check.approval !== 'required')
      ctx.addIssue({
        code: 'custom',
        path: ['approval'],
        message: 'a check that changes the host (readOnly: false) must say approval: required',
      });
    let placeholders: string[] = [];
    try {
      const problem = isSafeTemplate(check.argv);
      if (problem) ctx.addIssue({ code: 'custom', path: ['argv'], message: problem });
      placeholders = templateParams(check.argv);
    } catch (err) {
      ctx.addIssue({ code: 'custom', path: ['argv'], message: (err as Error).message });
      return;
    }
    const declared = check.params.map((p) => p.name);
    const missing = placeholders.filter((name) => !declared.includes(name));
    const unused = declared.filter((name) => !placeholders.includes(name));
    if (missing.length)
      ctx.addIssue({ code: 'custom', path: ['params'], message: `argv uses undeclared parameter(s): ${missing.join(', ')}` });
    if (unused.length)
      ctx.addIssue({ code: 'custom', path: ['params'], message: `parameter(s) not used in argv: ${unused.join(', ')}` });
  });

export type CheckFrontmatter = z.infer<typeof checkFrontmatterSchema>;
