// @vitest-environment happy-dom
/** "Create account" from the sign-in screen: the server's form errors on their fields, then in. */
import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { signedOutSession } from '../../test-support/fake-chat-api'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp()

async function openRegister(): Promise<VueWrapper> {
  const w = await app.start({ session: signedOutSession })
  await w
    .findAll('button')
    .find((b) => b.text() === 'Create account')!
    .trigger('click')
  return w
}

async function fill(w: VueWrapper, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values))
    await w.get(`form input[name=${name}]`).setValue(value)
}

describe('create account', () => {
  it("shows each of the server's form errors on its field", async () => {
    const w = await openRegister()
    expect(w.get('h1').text()).toBe('Create your EduSphere account')
    expect((w.get('input[name=server]').element as HTMLInputElement).value).toBe(
      'http://localhost:8000',
    )
    await fill(w, { username: 'alice', email: 'nope', password1: 'short', password2: 'short' })
    app.fake.failNext('register', {
      code: 'invalid-argument',
      message: 'The server did not accept this: …',
      fields: {
        username: ['A user with that username already exists.'],
        name: ['This field is required.'],
        email: ['Enter a valid email address.'],
        password2: ['This password is too short. It must contain at least 8 characters.'],
      },
    })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('#register-username-error').text()).toBe(
      'A user with that username already exists.',
    )
    expect(w.get('#register-name-error').text()).toBe('This field is required.')
    expect(w.get('#register-email-error').text()).toBe('Enter a valid email address.')
    expect(w.get('#register-password2-error').text()).toMatch(/too short/)
    expect(w.get('input[name=password2]').attributes('aria-invalid')).toBe('true')
    expect(w.get('input[name=password1]').attributes('aria-invalid')).toBe('false')
  })

  it('a bad server address is caught before asking; an unreachable one is shown on it', async () => {
    const w = await openRegister()
    await w.get('input[name=server]').setValue('ftp://x')
    await w.get('form').trigger('submit')
    expect(w.get('#register-server-error').text()).toMatch(/must start with http/)
    expect(app.fake.callsOf('register')).toEqual([])
    await w.get('input[name=server]').setValue('http://localhost:8000')
    app.fake.failNext('register', { code: 'unreachable', message: 'connect ECONNREFUSED' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('#register-server-error').text()).toMatch(/Can't reach the server/)
  })

  it('creates the account and is signed in with it; "Sign in" goes back', async () => {
    const w = await openRegister()
    await fill(w, {
      username: 'dora',
      name: 'Dora',
      email: 'dora@example.com',
      password1: 'long-enough-1',
      password2: 'long-enough-1',
    })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(app.fake.callsOf('register')).toEqual([
      [
        {
          server: 'http://localhost:8000',
          username: 'dora',
          name: 'Dora',
          email: 'dora@example.com',
          password1: 'long-enough-1',
          password2: 'long-enough-1',
        },
      ],
    ])
    expect(w.find('form.register').exists()).toBe(false)
    expect(w.get('.me-name').text()).toBe('Dora')
  })

  it('"Sign in" returns to the sign-in form', async () => {
    const w = await openRegister()
    await w
      .findAll('button')
      .find((b) => b.text() === 'Sign in')!
      .trigger('click')
    expect(w.get('h1').text()).toBe('Sign in to EduSphere')
  })
})
