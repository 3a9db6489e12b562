// The agent's own configuration: its secret and its allow-list of checks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isSafeTemplate, templateParams } from './argv';
import { CHECK_SLUG, MAX_TIMEOUT_MS, MIN_SECRET_LENGTH, MIN_TIMEOUT_MS, ParamSpecSchema } from './protocol';

export { MIN_SECRET_LENGTH };

const CheckSchema = z
  .strictObject({
    slug: z.string().regex(CHECK_SLUG, 'slug must be lower-case letters, digits and dashes'),
    title: z.string().optional(),
    argv: z.array(z.string()).min(1),
    params: z.array(ParamSpecSchema).default([]),
    timeoutMs: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS),
    // The command changes the host: it runs only when allowChanging names it too.
    changesHost: z.boolean().default(false),
  })
  .superRefine((check, ctx) => {
    const unsafe = isSafeTemplate(check.argv);
    if (unsafe) {
      ctx.addIssue({ code: 'custom', path: ['argv'], message: unsafe });
      return;
    }
    const placeholders = templateParams(check.argv).sort();
    const declared = check.params.map((p) => p.name).sort();
    if (placeholders.join(',') !== declared.join(',')) {
      ctx.addIssue({
        code: 'custom',
        path: ['params'],
        message: `params (${declared.join(', ') || 'none'}) must match the argv placeholders (${placeholders.join(', ') || 'none'})`,
      });
    }
    check.params.forEach((param, i) => {
      try {
        new RegExp(`^(?:${param.pattern})$`);
      } catch {
        ctx.addIssue({ code: 'custom', path: ['params', i, 'pattern'], message: 'not a valid regular expression' });
      }
    });
  });

const FileSchema = z
  .strictObject({
    name: z.string().min(1).max(128),
    secret: z.string().optional(),
    secretFile: z.string().optional(),
    secretEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    maxConcurrent: z.number().int().min(1).max(256).default(4),
    maxOutputBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    maxTimeoutMs: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS).default(60_000),
    checks: z.array(CheckSchema),
    // Slugs of changesHost checks this host's owner lets the app run (after the
    // app's four-eyes approval). A second, explicit word on the host itself:
    // copying a check entry into the list above is not enough.
    allowChanging: z.array(z.string().regex(CHECK_SLUG)).default([]),
  })
  .superRefine((file, ctx) => {
    const sources = [file.secret, file.secretFile, file.secretEnv].filter((s) => s !== undefined).length;
    if (sources !== 1) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'give exactly one of secret, secretFile or secretEnv' });
    }
    const seen = new Set<string>();
    file.checks.forEach((check, i) => {
      if (seen.has(check.slug))
        ctx.addIssue({ code: 'custom', path: ['checks', i, 'slug'], message: `duplicate slug ${check.slug}` });
      seen.add(check.slug);
    });
    file.allowChanging.forEach((slug, i) => {
      const check = file.checks.find((c) => c.slug === slug);
      if (!check) ctx.addIssue({ code: 'custom', path: ['allowChanging', i], message: `no check named ${slug}` });
      else if (!check.changesHost)
        ctx.addIssue({ code: 'custom', path: ['allowChanging', i], message: `${slug} does not say changesHost: true` });
    });
  });

/** changesHost may be left out where a config is built in code (it defaults to false). */
export type CheckConfig = Omit<z.output<typeof CheckSchema>, 'changesHost'> & { changesHost?: boolean };
export type AgentConfig = {
  name: string;
  secret: string;
  maxConcurrent: number;
  maxOutputBytes: number;
  maxTimeoutMs: number;
  checks: CheckConfig[];
  /** changesHost checks this agent may run; every other changesHost check is refused. */
  allowChanging: string[];
};
/** What a config file (or a test) may say; defaults fill the rest. */
export type AgentConfigInput = z.input<typeof FileSchema>;

export class ConfigError extends Error {}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`).join('\n');
}

/** baseDir resolves secretFile; env supplies secretEnv. */
export function parseConfig(
  raw: unknown,
  baseDir = process.cwd(),
  env: Record<string, string | undefined> = process.env,
): AgentConfig {
  const result = FileSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(formatIssues(result.error));
  const file = result.data;
  let secret: string;
  if (file.secret !== undefined) {
    secret = file.secret;
  } else if (file.secretFile !== undefined) {
    const secretPath = path.resolve(baseDir, file.secretFile);
    try {
      secret = readFileSync(secretPath, 'utf8').trim();
    } catch (error) {
      throw new ConfigError(`secretFile: cannot read ${secretPath} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } else {
    const value = env[file.secretEnv as string];
    if (value === undefined) throw new ConfigError(`secretEnv: environment variable ${file.secretEnv} is not set`);
    secret = value;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(`secret: must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return {
    name: file.name,
    secret,
    maxConcurrent: file.maxConcurrent,
    maxOutputBytes: file.maxOutputBytes,
    maxTimeoutMs: file.maxTimeoutMs,
    checks: file.checks,
    allowChanging: file.allowChanging,
  };
}

export function loadConfig(file: string, env: Record<string, string | undefined> = process.env): AgentConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    // JSON is YAML 1.2, so one parser reads both; the core schema keeps values as written.
    raw = parseYaml(text, { schema: 'core' });
  } catch (error) {
    throw new ConfigError(`${file} is not valid YAML or JSON: ${(error as Error).message}`);
  }
  return parseConfig(raw, path.dirname(path.resolve(file)), env);
}
