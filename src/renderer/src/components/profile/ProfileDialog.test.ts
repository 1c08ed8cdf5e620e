// @vitest-environment happy-dom
/**
 * The profile dialog: name and bio saved to the server, and the avatar file checked here (size,
 * type, real image bytes) before its bytes go to main; the server's errors land on their fields.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { signedInSession } from '../../test-support/fake-chat-api'
import { useMountedApp } from '../../test-support/mounted-app'

const app = useMountedApp()
afterEach(() => vi.unstubAllGlobals())

/** happy-dom decodes no images: the decoder stands in for Chromium's (the e2e uses the real one). */
function decoder(decodes: boolean): void {
  vi.stubGlobal('createImageBitmap', (blob: Blob) =>
    decodes
      ? Promise.resolve({ width: 1, height: 1, close: () => undefined, size: blob.size })
      : Promise.reject(new DOMException('The source image could not be decoded.')),
  )
}
/** A valid 1×1 PNG. */
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
)

async function openProfile(): Promise<VueWrapper> {
  const w = await app.start({ session: signedInSession, rooms: [] })
  await w
    .findAll('button')
    .find((b) => b.text() === 'Your profile')!
    .trigger('click')
  await flushPromises()
  return w
}

/** Picks `file` in the avatar input, as the file chooser would. */
async function pick(w: VueWrapper, file: File): Promise<void> {
  const input = w.get('input[type=file]')
  Object.defineProperty(input.element, 'files', { configurable: true, value: [file] })
  await input.trigger('change')
  await flushPromises()
}

describe('profile dialog', () => {
  it('saves a new name and bio; the sidebar shows the new name', async () => {
    const w = await openProfile()
    const form = w.get('form[aria-label="Your profile"]')
    expect((form.get('input[name=name]').element as HTMLInputElement).value).toBe('Alice')
    const save = () => form.findAll('button').find((b) => b.text() === 'Save profile')!
    expect(save().attributes('disabled')).toBeDefined() // nothing changed yet
    await form.get('input[name=name]').setValue('Alice Liddell')
    await form.get('textarea[name=bio]').setValue('Curiouser and curiouser.')
    await form.trigger('submit')
    await flushPromises()
    expect(app.fake.callsOf('updateProfile')).toEqual([
      [{ name: 'Alice Liddell', bio: 'Curiouser and curiouser.' }],
    ])
    expect(form.get('[role=status]').text()).toBe('Your profile is saved.')
    expect(w.get('.me-name').text()).toBe('Alice Liddell')
  })

  it('refuses a picture over 2 MB, or one that is not a PNG/JPEG, before sending anything', async () => {
    const w = await openProfile()
    await pick(
      w,
      new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }),
    )
    expect(w.get('[data-testid=avatar-error]').text()).toBe(
      'That picture is 2.0 MB; the server accepts at most 2 MB. Choose a smaller one.',
    )
    await pick(w, new File(['GIF89a...'], 'cat.gif', { type: 'image/gif' }))
    expect(w.get('[data-testid=avatar-error]').text()).toMatch(/^Only PNG and JPEG pictures/)
    await pick(w, new File(['just text'], 'fake.png', { type: 'image/png' }))
    expect(w.get('[data-testid=avatar-error]').text()).toMatch(/not a PNG or JPEG picture/)
    expect(w.get('input[type=file]').attributes('aria-invalid')).toBe('true')
    const save = w.findAll('button').find((b) => b.text() === 'Save profile')!
    expect(save.attributes('disabled')).toBeDefined()
    expect(app.fake.callsOf('updateProfile')).toEqual([])
  })

  it('refuses a picture that cannot be decoded, whatever its first bytes say', async () => {
    decoder(false)
    const w = await openProfile()
    await pick(w, new File([PNG], 'broken.png', { type: 'image/png' }))
    expect(w.get('[data-testid=avatar-error]').text()).toBe(
      'That picture could not be read: it may be damaged. Choose another one.',
    )
  })

  it('uploads a good picture as bytes; a server refusal shows on the avatar field', async () => {
    decoder(true)
    const w = await openProfile()
    await pick(w, new File([PNG], 'me.png', { type: 'image/png' }))
    expect(w.find('[data-testid=avatar-error]').exists()).toBe(false)
    expect(w.get('[data-testid=avatar-preview]').attributes('aria-label')).toBe('Preview of me.png')
    app.fake.failNext('updateProfile', {
      code: 'invalid-argument',
      message: 'x',
      fields: {
        avatar: [
          'Upload a valid image. The file you uploaded was either not an image or a corrupted image.',
        ],
      },
    })
    await w.get('form[aria-label="Your profile"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid=avatar-error]').text()).toMatch(/^Upload a valid image\./)

    await w.get('form[aria-label="Your profile"]').trigger('submit')
    await flushPromises()
    const sent = app.fake.callsOf('updateProfile').at(-1)![0] as {
      avatar: { fileName: string; bytes: Uint8Array }
    }
    expect(sent.avatar.fileName).toBe('me.png')
    expect([...sent.avatar.bytes]).toEqual([...PNG])
    expect(w.get('.me img').attributes('src')).toBe('/avatar/avatars%2Fme.png')
  })
})
