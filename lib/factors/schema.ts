// zod for the factor taxonomy (content/factor-categories.yaml, decision 032).
import { z } from 'zod';
import { categorySlugSchema } from '@/lib/content/schema';
import { safeString } from '@/lib/validation/text';

/** A label is a short name shown in selects and chart legends. */
export const CATEGORY_LABEL_MAX = 60;
/** A taxonomy, not a tag cloud: counts per category stop meaning anything past a few dozen. */
export const CATEGORIES_MAX = 50;

export const factorCategoriesFileSchema = z
  .object({
    version: z.literal(1),
    categories: z
      .array(
        z
          .object({
            slug: categorySlugSchema,
            label: safeString().trim().min(1, 'A label is required.').max(CATEGORY_LABEL_MAX),
          })
          .strict(),
      )
      .min(1, 'List at least one category.')
      .max(CATEGORIES_MAX, `At most ${CATEGORIES_MAX} categories.`)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((c, i) => {
          if (seen.has(c.slug)) ctx.addIssue({ code: 'custom', path: [i, 'slug'], message: `"${c.slug}" is listed twice.` });
          seen.add(c.slug);
        });
      }),
  })
  .strict();

export type FactorCategoryEntry = z.output<typeof factorCategoriesFileSchema>['categories'][number];

const label = safeString()
  .trim()
  .min(1, 'A label is required.')
  .max(CATEGORY_LABEL_MAX, `At most ${CATEGORY_LABEL_MAX} characters.`);

export const createCategorySchema = z.object({ slug: categorySlugSchema, label });

/** `previousLabel` is what the page showed: a label changed since is refused, not overwritten. */
export const updateCategorySchema = z.object({
  slug: categorySlugSchema,
  label,
  previousLabel: safeString().max(CATEGORY_LABEL_MAX),
  position: z.coerce.number().int().min(0).max(1_000),
});

export const deleteCategorySchema = z.object({ slug: categorySlugSchema });
