import { describe, expect, it } from 'vitest'
import { serverUrlProblem, signInProblem } from './sign-in-errors'

describe('sign-in errors', () => {
  it('puts each failure next to the field it is about', () => {
    expect(signInProblem({ code: 'invalid-credentials', message: 'x' }).field).toBe('credentials')
    expect(signInProblem({ code: 'unreachable', message: 'ECONNREFUSED' })).toEqual({
      field: 'server',
      message: "Can't reach the server. Check the address and your connection. (ECONNREFUSED)",
    })
    expect(signInProblem({ code: 'not-edusphere', message: 'no /graphql/' }).field).toBe('server')
    // The server is EduSphere, so the message is shown as is, not as "doesn't look like EduSphere".
    const host = 'This server does not accept the address edu.example.org; ask its administrator.'
    expect(signInProblem({ code: 'host-not-allowed', message: host })).toEqual({
      field: 'server',
      message: host,
    })
    expect(signInProblem({ code: 'internal', message: 'boom' })).toEqual({
      field: 'form',
      message: 'boom',
    })
  })

  it('main asking for the plain-http confirmation becomes the transport question', () => {
    expect(signInProblem({ code: 'unencrypted-not-confirmed', message: 'in clear text' })).toEqual({
      field: 'transport',
      message: 'in clear text',
    })
  })

  it('checks the server address before sending', () => {
    expect(serverUrlProblem('http://localhost:8000')).toBeNull()
    expect(serverUrlProblem('')).toMatch(/Enter the server address/)
    expect(serverUrlProblem('ftp://x')).toMatch(/must start/)
    expect(serverUrlProblem('http://user:pw@x')).toMatch(/must not contain a user name/)
  })

  it('accepts what main accepts: a bare host gets a scheme there', () => {
    for (const accepted of ['localhost:8000', '127.0.0.1:9000', 'edu.example.org'])
      expect(serverUrlProblem(accepted)).toBeNull()
  })
})
