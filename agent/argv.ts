// Parameter rules and argv templates, shared by the agent and the app (which bundles
// this file, so it stays free of node: imports).

export const PARAM_NAME = /^[a-z][a-z0-9_]{0,31}$/;

/** pattern is a JS regex source, always matched as ^(?:pattern)$ without flags. */
export type ParamSpec = { name: string; pattern: string; description?: string; example?: string };

/** Longest legitimate value (a hostname is 253) with a little room; 10k-character probes stop here. */
export const MAX_PARAM_LENGTH = 256;

/** Shells: refused anywhere in argv, so wrappers like `timeout 5 sh -c` cannot smuggle one in. */
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'csh', 'tcsh', 'fish', 'ash', 'busybox']);
/** Runners that execute their arguments as a command: refused as argv[0]. */
const COMMAND_RUNNERS = new Set([
  'env',
  'sudo',
  'su',
  'doas',
  'xargs',
  'eval',
  'exec',
  'nohup',
  'nice',
  'ionice',
  'setsid',
  'stdbuf',
  'timeout',
  'chroot',
  'flock',
  'watch',
  'script',
]);

const PLACEHOLDER = /^\{\{([a-z][a-z0-9_]{0,31})\}\}$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Regex sources for catalog authors; each is meant to be used whole (it is anchored on use). */
export const PATTERNS = {
  ipv4: '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)',
  ipv6: '[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*',
  ip: '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*',
  cidr4: '(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(?:3[0-2]|[12]?\\d)',
  interface: '[a-zA-Z][a-zA-Z0-9._@-]{0,14}',
  hostname: '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*',
  port: '(?:[1-9]\\d{0,3}|[1-5]\\d{4}|6[0-4]\\d{3}|65[0-4]\\d{2}|655[0-2]\\d|6553[0-5])',
  systemdUnit: '[a-zA-Z0-9][a-zA-Z0-9:_.@\\\\-]{0,250}',
  sysctlName: '[a-z0-9_]+(?:[./][a-z0-9_-]+)*',
  number: '\\d{1,9}',
  word: '[a-zA-Z0-9_]{1,64}',
} as const;

export function validateParamValue(spec: ParamSpec, value: unknown): string | null {
  if (typeof value !== 'string') return `${spec.name} must be text`;
  if (value.length === 0) return `${spec.name} is required`;
  if (value.length > MAX_PARAM_LENGTH) return `${spec.name} is longer than ${MAX_PARAM_LENGTH} characters`;
  if (!PRINTABLE_ASCII.test(value)) {
    return `${spec.name} may only contain printable ASCII characters (no newlines, control or look-alike unicode characters)`;
  }
  if (value.startsWith('-')) return `${spec.name} must not start with "-" (it would be read as an option)`;
  if (!anchored(spec.pattern).test(value)) return `${spec.name} does not have the expected form`;
  return null;
}

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** Throws on a malformed template: templates come from trusted configuration, not requests. */
export function templateParams(template: readonly string[]): string[] {
  const names: string[] = [];
  for (const element of template) {
    const name = placeholderName(element);
    if (name !== null && !names.includes(name)) names.push(name);
  }
  return names;
}

function placeholderName(element: string): string | null {
  const match = PLACEHOLDER.exec(element);
  if (match) return match[1] ?? null;
  if (element.includes('{{') || element.includes('}}')) {
    throw new Error(`argv element ${JSON.stringify(element)} must be exactly one {{name}} placeholder or contain no braces`);
  }
  return null;
}

export type ExpandResult = { ok: true; argv: string[] } | { ok: false; errors: Record<string, string> };

export function expandArgv(
  template: readonly string[],
  specs: readonly ParamSpec[],
  params: Record<string, unknown>,
): ExpandResult {
  const errors: Record<string, string> = {};
  const known = new Map(specs.map((spec) => [spec.name, spec]));
  for (const key of Object.keys(params)) {
    if (!known.has(key)) errors[key] = `${key} is not a parameter of this check`;
  }
  for (const spec of specs) {
    const message = Object.hasOwn(params, spec.name) ? validateParamValue(spec, params[spec.name]) : `${spec.name} is required`;
    if (message) errors[spec.name] = message;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const argv = template.map((element) => {
    const name = placeholderName(element);
    if (name === null) return element;
    if (!known.has(name)) throw new Error(`argv placeholder {{${name}}} has no parameter spec`);
    return params[name] as string;
  });
  return { ok: true, argv };
}

function basename(element: string): string {
  return element.split('/').pop() ?? element;
}

/** null when the template is acceptable, else why not. Keeps "no shell" true even by configuration. */
export function isSafeTemplate(template: readonly string[]): string | null {
  const command = template[0];
  if (command === undefined) return 'argv must name a command';
  if (PLACEHOLDER.test(command) || command.includes('{{')) return 'argv[0] must be literal, not a parameter';
  const bare = /^[A-Za-z0-9._+-]+$/.test(command) && !command.startsWith('-') && command !== '.' && command !== '..';
  const absolute = /^\/[A-Za-z0-9._+\/-]+$/.test(command) && !command.split('/').includes('..');
  if (!bare && !absolute) return 'argv[0] must be a bare command name or an absolute path';
  const base = basename(command);
  if (SHELLS.has(base) || COMMAND_RUNNERS.has(base)) return `argv[0] must not be ${base}: checks run without a shell`;
  for (const element of template) {
    if (!PRINTABLE_ASCII.test(element)) return 'argv elements must be printable ASCII';
    if (SHELLS.has(basename(element))) return `argv must not contain ${element}: checks run without a shell`;
    try {
      placeholderName(element);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return null;
}
