/**
 * The resolvers' error texts, worded like the real backend (graphene `GraphQLError`s with an
 * `extensions.code`, Django form errors as "Invalid data" with per-field messages).
 */
import { GraphQLError } from 'graphql'
import { GraphQLErrorText } from '../../src/shared/graphql-shapes'

/** Texts the real resolvers use besides those the client already knows. */
export const ResolverText = {
  userNotFound: 'User not found',
  messageNotFound: 'Message not found',
  permissionDenied: 'Permission denied',
  invalidData: 'Invalid data',
} as const

/** Django form errors: field name (or `__all__`) → messages, in the order they were found. */
export type FormErrors = Record<string, string[]>

/** "<What> not found" with `extensions.code = NOT_FOUND`. */
export function notFound(text: string): GraphQLError {
  return new GraphQLError(text, { extensions: { code: 'NOT_FOUND' } })
}

export function roomNotFound(): GraphQLError {
  return notFound(GraphQLErrorText.roomNotFound)
}

/** A signed-in user acting on someone else's room or message. */
export function permissionDenied(): GraphQLError {
  return new GraphQLError(ResolverText.permissionDenied, {
    extensions: { code: 'PERMISSION_DENIED' },
  })
}

/** A failed Django form: "Invalid data", the details in `extensions.errors`. */
export function invalidData(errors: FormErrors): GraphQLError {
  return new GraphQLError(ResolverText.invalidData, { extensions: { errors } })
}

/** Collects a form's errors field by field, like Django's `form.errors`. */
export class FormCheck {
  readonly errors: FormErrors = {}
  add(field: string, message: string): void {
    ;(this.errors[field] ??= []).push(message)
  }
  has(field: string): boolean {
    return field in this.errors
  }
  /** Throws "Invalid data" when any field failed. */
  throwIfInvalid(): void {
    if (Object.keys(this.errors).length > 0) throw invalidData(this.errors)
  }
}

/** Django's built-in validation messages. */
export const DjangoText = {
  required: 'This field is required.',
  maxLength: (max: number, has: number) =>
    `Ensure this value has at most ${max} characters (it has ${has}).`,
  invalidEmail: 'Enter a valid email address.',
  invalidUsername:
    'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  usernameTaken: 'A user with that username already exists.',
  emailTaken: 'User with this Email already exists.',
  passwordMismatch: 'The two password fields didn\u2019t match.',
  passwordTooShort: 'This password is too short. It must contain at least 8 characters.',
  passwordNumeric: 'This password is entirely numeric.',
  noFile: 'No file was submitted. Check the encoding type on the form.',
  emptyFile: 'The submitted file is empty.',
  notAnImage:
    'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
  badExtension: (ext: string, allowed: readonly string[]) =>
    `File extension \u201c${ext}\u201d is not allowed. Allowed extensions are: ${allowed.join(', ')}.`,
  roomNameTaken: 'You already have a room with this name.',
} as const

/**
 * Checks a Django CharField (stripped, required unless `optional`, at most `max` characters,
 * counted in code points like Python's len). Returns the cleaned value.
 */
export function charField(
  form: FormCheck,
  field: string,
  value: unknown,
  max: number,
  optional = false,
): string {
  const text = typeof value === 'string' ? value.trim() : ''
  if (text === '') {
    if (!optional) form.add(field, DjangoText.required)
    return ''
  }
  const length = [...text].length
  if (length > max) form.add(field, DjangoText.maxLength(max, length))
  return text
}
