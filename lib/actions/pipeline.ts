// The one way a server action is built. Every exported action in a
// lib/**/actions.ts is `action({...})`, and runs, in order:
//   who is calling and may they (a refusal is audited with the actor)
//   -> read the input (FormData or a plain value) -> zod safeParse
//   -> the handler -> revalidate on success -> one ActionResult.
// A handler that throws gives the user a sentence with the request id and the
// server log the stack, instead of a 500. See docs/decisions/015-one-action-pipeline-and-request-guards.md.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { audit, authorizeAction } from '@/lib/audit/guard';
import type { Role } from '@/lib/auth/roles';
import { requestId as currentRequestId, type Denied, type Viewer } from '@/lib/auth/session';
import { requestLog } from '@/lib/log-request';
import { echoValues, formFields, invalid, type ActionFailure, type ActionResult } from './result';

export interface ActionContext {
  viewer: Viewer;
  /** What the caller sent, before parsing (the FormData for form actions). */
  raw: unknown;
  /** The submitted fields minus secrets, for handlers that add their own field errors. */
  values?: Record<string, string>;
}

type Input = 'form' | 'value' | 'submit';

/** What a handler may return: a success with its payload, or a failure with its own extras. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyResult = { ok: true } | ActionFailure<any>;
type Success<R> = Extract<R, { ok: true }>;
/** The one ActionResult a caller sees: the handler's success payload and failure extras, plus the pipeline's own failures. */
type Outcome<R> = ActionResult<Omit<Success<R>, 'ok'>, Omit<Extract<R, { ok: false }>, keyof ActionFailure>>;

interface ActionDef<I extends Input, S extends z.ZodType, R extends AnyResult> {
  /** The audit name, e.g. 'host.create'; refusals are recorded under it. */
  name: string;
  /** The least role that may call it. */
  role: Role;
  /**
   * 'form': called by a form or useActionState with (prevState, formData) or (formData).
   * 'value': called from client code with one plain value.
   * 'submit': a plain `<form action>` with nothing to show; it ends in redirect().
   */
  input: I;
  schema: S;
  /**
   * Turns the raw input into what `schema` parses, or refuses it. Form default:
   * the form's string fields. For inputs that are not plain fields (a JSON
   * document, a file).
   */
  read?: (raw: I extends 'value' ? unknown : FormData) => unknown | ActionFailure;
  handler: (data: z.output<S>, ctx: ActionContext) => Promise<R>;
  /** Pages to refresh after a success. Written after `handler`, so TypeScript knows the result's type. */
  revalidate?: (result: Success<R>, data: z.output<S>) => string[];
  /** Allowed while the caller must still replace a one-time password (signing out). */
  duringPasswordChange?: boolean;
  /**
   * Only from a signed-in browser session, never with a personal API token:
   * accounts and tokens. A token that could mint tokens or accounts would let
   * whoever stole it keep access after it is revoked.
   */
  sessionOnly?: boolean;
  /** What a refusal becomes; default: the ActionResult with status 401/403. */
  onDenied?: (denied: Denied) => ActionFailure;
}

/** The client-side call shapes: useActionState passes the previous state first. */
export type FormAction<R extends AnyResult = ActionResult> = (prevState: unknown, formData: FormData) => Promise<Outcome<R>>;
export type ValueAction<V, R extends AnyResult = ActionResult> = (input: V) => Promise<Outcome<R>>;
/** Still returns its ActionResult at run time (tests read it); a plain form ignores it. */
export type SubmitAction = (formData?: FormData) => Promise<void>;

/** Every function `action()` built; the role-matrix test checks each export is one of these. */
const built = new WeakSet<object>();
export const isPipelineAction = (fn: unknown): boolean => typeof fn === 'function' && built.has(fn);

export const UNEXPECTED = 'Something went wrong; nothing was saved.';
export const SESSION_ONLY = 'Sign in with a browser to do this; an API token cannot manage accounts or tokens.';

const isFailure = (x: unknown): x is ActionFailure =>
  typeof x === 'object' &&
  x !== null &&
  (x as { ok?: unknown }).ok === false &&
  typeof (x as { error?: unknown }).error === 'string';

export function action<S extends z.ZodType, R extends AnyResult>(def: ActionDef<'form', S, R>): FormAction<R>;
export function action<S extends z.ZodType, R extends AnyResult>(def: ActionDef<'value', S, R>): ValueAction<z.input<S>, R>;
export function action<S extends z.ZodType, R extends AnyResult>(def: ActionDef<'submit', S, R>): SubmitAction;
export function action<S extends z.ZodType, R extends AnyResult>(def: ActionDef<Input, S, R>): unknown {
  async function run(...args: unknown[]): Promise<AnyResult> {
    // useActionState calls (prevState, formData); a bare form action (formData); client code (value).
    const raw = args.at(-1);
    try {
      const auth = await authorizeAction(def.role, def.name, { duringPasswordChange: def.duringPasswordChange });
      if (!auth.ok) {
        // Who was refused is for the audit trail, not for the response.
        const { viewer: _refused, ...denied } = auth;
        return def.onDenied ? def.onDenied(denied) : denied;
      }
      if (def.sessionOnly && auth.viewer.via !== 'session') {
        await audit(auth.viewer, {
          action: def.name,
          outcome: 'denied',
          details: { reason: SESSION_ONLY, via: auth.viewer.via },
        });
        const denied: Denied = { ok: false, error: SESSION_ONLY, status: 403 };
        return def.onDenied ? def.onDenied(denied) : denied;
      }

      const fields = def.input !== 'value' && raw instanceof FormData ? formFields(raw) : undefined;
      const values = fields && echoValues(fields);
      const read = def.read ? (def.read as (r: unknown) => unknown)(raw) : (fields ?? raw);
      if (isFailure(read)) return read;
      const parsed = def.schema.safeParse(read);
      if (!parsed.success) return invalid(parsed.error, values);

      const result = await def.handler(parsed.data, { viewer: auth.viewer, raw, values });
      if (!result.ok) return values && !result.values ? { ...result, values } : result;
      for (const path of def.revalidate?.(result as Success<R>, parsed.data) ?? []) revalidatePath(path);
      return result;
    } catch (err) {
      // redirect() and notFound() are thrown on purpose; Next handles them.
      unstable_rethrow(err);
      const id = await currentRequestId().catch(() => null);
      (await requestLog()).error({ err, action: def.name }, 'action failed');
      return { ok: false, error: `${UNEXPECTED} (request id ${id ?? 'unknown'})`, status: 500 } satisfies ActionFailure;
    }
  }
  built.add(run);
  return run;
}
