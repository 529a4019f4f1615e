import { isDomainError } from '@butterfly/domain/core';
import { data } from '@remix-run/node';
import { getTRPCErrorFromUnknown } from '@trpc/server';
import { apiProblem, apiRouteError } from './api-error.server.ts';
import { fieldLabel } from './field-labels.ts';
import { reasonText } from './field-reasons.ts';
import { isHumanText } from './human-text.ts';

/** Field path → message, from a domain VALIDATION error or the procedure's own input schema. */
function fieldErrors(e: unknown): Record<string, string> | undefined {
  if (!(e instanceof Error) || e.name !== 'TRPCError') return undefined;
  const cause = getTRPCErrorFromUnknown(e).cause as unknown;
  const raw = isDomainError(cause)
    ? cause.fields && Object.fromEntries(Object.entries(cause.fields).map(([k, v]) => [k, reasonText(cause.code, v)]))
    : zodFields(cause);
  if (!raw) return undefined;
  // Schema messages can quote a regular expression or a type: say it plainly instead.
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, isHumanText(v) ? v : 'This value is not valid.']));
}

function zodFields(cause: unknown): Record<string, string> | undefined {
  const issues = (cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return undefined;
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join('.') || '(input)'] ??= i.message;
  return out;
}

/**
 * In an action: `catch (e) { return actionProblem(e, { intent }) }`. A 4xx comes back to the form as
 * a message and field errors (with its status); anything else goes to the error boundary.
 */
export function actionProblem<T extends Record<string, unknown>>(e: unknown, extra: T) {
  const p = apiProblem(e);
  if (!p || p.status >= 500) throw apiRouteError(e);
  const fields = fieldErrors(e);
  // An input-schema failure's own message is zod's JSON, and a domain message may name a field by
  // its path: with fields, say each by its label (the forms show the same messages beside the fields).
  const message = fields
    ? Object.entries(fields)
        .map(([k, v]) => `${fieldLabel(k)}: ${v}`)
        .join('; ')
    : isHumanText(p.message)
      ? p.message
      : 'Something in the form was not valid. Nothing was changed.';
  return data({ ...extra, error: message, fields }, { status: p.status });
}
