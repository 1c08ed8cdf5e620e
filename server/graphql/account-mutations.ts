/**
 * registerUser and updateUser: Django's UserCreationForm / UserForm rules, failures as
 * "Invalid data" with per-field messages in `extensions.errors`.
 */
import { randomUUID } from 'node:crypto'
import type { ServerContext } from '../context'
import type { UserRow } from '../store/db'
import { checkAvatar } from './avatar-upload'
import { charField, DjangoText, FormCheck, invalidData } from './graphql-errors'

const USERNAME_MAX = 150
const NAME_MAX = 200
const EMAIL_MAX = 254
const PASSWORD_MIN = 8
/** Django's UnicodeUsernameValidator. */
const USERNAME_RE = /^[\p{L}\p{N}_.@+-]+$/u
/** A practical subset of Django's EmailValidator: one @, a dotted domain, no spaces. */
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/

function checkUsername(form: FormCheck, value: unknown): string {
  const username = charField(form, 'username', value, USERNAME_MAX)
  if (username !== '' && !USERNAME_RE.test(username))
    form.add('username', DjangoText.invalidUsername)
  return username
}

/** AUTH_PASSWORD_VALIDATORS' minimum length and numeric checks, reported on `password2`. */
function checkPassword(form: FormCheck, password: string): void {
  if ([...password].length < PASSWORD_MIN) form.add('password2', DjangoText.passwordTooShort)
  if (/^\d+$/.test(password)) form.add('password2', DjangoText.passwordNumeric)
}

/** Unique-field checks, run before and again after the (slow, async) password hashing. */
function checkFree(ctx: ServerContext, form: FormCheck, username: string, email: string): void {
  if (username && !form.has('username') && ctx.store.userByUsername(username))
    form.add('username', DjangoText.usernameTaken)
  if (email && !form.has('email') && ctx.store.userByEmail(email))
    form.add('email', DjangoText.emailTaken)
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message)
}

/** `registerUser(username, name, email, password1, password2) { user success }`. */
export async function registerUser(
  ctx: ServerContext,
  args: Record<string, unknown>,
): Promise<{ user: UserRow; success: boolean }> {
  const form = new FormCheck()
  const username = checkUsername(form, args.username)
  const name = charField(form, 'name', args.name, NAME_MAX)
  const email = charField(form, 'email', args.email, EMAIL_MAX)
  if (email !== '' && !form.has('email') && !EMAIL_RE.test(email))
    form.add('email', DjangoText.invalidEmail)
  const password1 = typeof args.password1 === 'string' ? args.password1 : ''
  const password2 = typeof args.password2 === 'string' ? args.password2 : ''
  if (password1 === '') form.add('password1', DjangoText.required)
  if (password2 === '') form.add('password2', DjangoText.required)
  else if (password1 !== '' && password1 !== password2)
    form.add('password2', DjangoText.passwordMismatch)
  else if (password1 !== '') checkPassword(form, password2)
  checkFree(ctx, form, username, email)
  form.throwIfInvalid()

  const hash = await ctx.passwords.hash(password1)
  checkFree(ctx, form, username, email)
  form.throwIfInvalid()
  try {
    const user = ctx.store.insertUser({
      id: randomUUID(),
      email,
      username,
      name,
      password: hash,
      avatar: '',
    })
    return { user, success: true }
  } catch (error) {
    // Lost a race with a concurrent registration between the check and the insert.
    if (isUniqueViolation(error)) throw invalidData({ username: [DjangoText.usernameTaken] })
    throw error
  }
}

/**
 * `updateUser(username, name, bio, avatar) { user }`: omitted fields keep their value; the avatar
 * (a multipart upload) is checked like Django's ImageField and stored under `avatars/`.
 */
export function updateUser(
  ctx: ServerContext,
  user: UserRow,
  args: Record<string, unknown>,
): { user: UserRow } {
  const form = new FormCheck()
  const username = checkUsername(form, 'username' in args ? args.username : user.username)
  const name = charField(form, 'name', 'name' in args ? args.name : user.name, NAME_MAX)
  const bio = 'bio' in args ? (typeof args.bio === 'string' ? args.bio.trim() : '') : user.bio
  if (username !== user.username && !form.has('username')) {
    const other = ctx.store.userByUsername(username)
    if (other && other.id !== user.id) form.add('username', DjangoText.usernameTaken)
  }
  const avatar =
    args.avatar === undefined || args.avatar === null ? null : checkAvatar(form, args.avatar)
  form.throwIfInvalid()

  const changes = {
    username,
    name,
    bio,
    avatar: avatar ? ctx.media.save('avatars', avatar.filename, avatar.data) : user.avatar,
  }
  try {
    ctx.directory.updateUser(user.id, changes)
  } catch (error) {
    if (isUniqueViolation(error)) throw invalidData({ username: [DjangoText.usernameTaken] })
    throw error
  }
  return { user: { ...user, ...changes } }
}
