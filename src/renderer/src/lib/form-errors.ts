/**
 * Puts a server's form errors ("Invalid data" with per-field messages) on the fields of our
 * forms. The server names its fields (Django's `password2`, `topic`, `__all__`); each form says
 * which of its own fields shows each one, and anything left over is shown for the whole form.
 */
import type { AppErrorShape } from '../../../shared/ipc-contract'

/** Each form field's message, and one for the whole form (null when none). */
export interface FormProblems<F extends string> {
  fields: Partial<Record<F, string>>
  general: string | null
}

/** No problems. */
export function noProblems<F extends string>(): FormProblems<F> {
  return { fields: {}, general: null }
}

/**
 * The problems of a failed call: field errors where the form has a field for them (several
 * messages joined), everything else (and any failure that is not a form error) as `general`.
 */
export function formProblems<F extends string>(
  error: AppErrorShape,
  fieldFor: Readonly<Record<string, F>>,
): FormProblems<F> {
  if (!error.fields || Object.keys(error.fields).length === 0)
    return { fields: {}, general: error.message }
  const fields: Partial<Record<F, string>> = {}
  const rest: string[] = []
  for (const [serverField, messages] of Object.entries(error.fields)) {
    const field = Object.hasOwn(fieldFor, serverField) ? fieldFor[serverField] : undefined
    const text = messages.join(' ')
    if (field === undefined) rest.push(text)
    else fields[field] = fields[field] ? `${fields[field]} ${text}` : text
  }
  return { fields, general: rest.length > 0 ? rest.join(' ') : null }
}

/** True when there is anything to show. */
export function hasProblems(problems: FormProblems<string>): boolean {
  return problems.general !== null || Object.keys(problems.fields).length > 0
}
