/**
 * Runs the README's commands the way a user types them (`npm start`, `npm run server`, ...), in a
 * fresh copy of the working tree, so a test sees exactly what a new clone does and a build it
 * triggers never rewrites the out/ folder other suites read.
 */
import type { ChildProcess } from 'node:child_process'
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** The repository root. */
export const repoRoot = resolve(__dirname, '../..')

/**
 * Copies every tracked and untracked-but-not-ignored file into `dest` (what a clone holds) and links
 * node_modules to this checkout's, as `npm ci` would have filled it.
 */
export function copyWorkingTree(dest: string): string {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate'],
    { cwd: repoRoot, encoding: 'utf8' },
  )
    .split('\0')
    .filter(Boolean)
  for (const file of files) {
    const to = join(dest, file)
    mkdirSync(dirname(to), { recursive: true })
    try {
      copyFileSync(join(repoRoot, file), to)
    } catch (error) {
      // A file deleted in the working tree but not yet in the index is not part of a clone either.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  symlinkSync(realpathSync(join(repoRoot, 'node_modules')), join(dest, 'node_modules'), 'junction')
  return dest
}

/** What a finished command printed and how it ended. */
export interface CommandRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A running command: its output so far, a way to wait for a line, and its end. */
export interface RunningCommand {
  readonly child: ChildProcess
  output(): { stdout: string; stderr: string }
  /** Resolves with the first match of `pattern` in stdout; rejects if the command ends first. */
  waitForStdout(pattern: RegExp): Promise<RegExpExecArray>
  readonly done: Promise<CommandRun>
}

/** Starts `npm <args>` in `cwd` with `env` on top of this process's environment. */
export function startNpm(
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): RunningCommand {
  const child = spawn('npm', args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // npm is npm.cmd on Windows, which only a shell can start.
    shell: process.platform === 'win32',
  })
  let stdout = ''
  let stderr = ''
  const waiters = new Set<() => void>()
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    for (const wake of waiters) wake()
  })
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const done = new Promise<CommandRun>((settle) =>
    child.once('close', (code, signal) => settle({ code, signal, stdout, stderr })),
  )
  return {
    child,
    output: () => ({ stdout, stderr }),
    done,
    waitForStdout(pattern) {
      return new Promise((found, fail) => {
        const check = () => {
          const match = pattern.exec(stdout)
          if (!match) return
          waiters.delete(check)
          found(match)
        }
        waiters.add(check)
        check()
        void done.then((run) => {
          if (waiters.delete(check))
            fail(
              new Error(
                `npm ${args.join(' ')} ended (${run.code}) before printing ${pattern}:\n${run.stdout}\n${run.stderr}`,
              ),
            )
        })
      })
    },
  }
}

/** The last non-empty line of a text. */
export function lastLine(text: string): string {
  return text.trimEnd().split('\n').at(-1) ?? ''
}
