// Preloaded into the processes npm scripts start (`node --import ./tools/exit-with-parent.mjs`):
// when the parent that started this process is gone, behave as if SIGTERM had arrived.
//
// Why: npm runs a script through `sh -c`, and Debian's dash does not exec the command, so
// `kill -TERM <npm>` reaches npm, npm forwards it to the shell, the shell dies and the real
// process is orphaned, still holding its port (cmd.exe on Windows leaves it the same way). A parent
// can die without telling its children, so the only portable check is to look, once a second.
const parent = process.ppid
const CHECK_MS = 1000

function parentAlive() {
  try {
    process.kill(parent, 0)
    return true
  } catch (error) {
    // EPERM: it exists but runs as another user: still alive.
    return error.code !== 'ESRCH'
  }
}

const timer = setInterval(() => {
  if (parentAlive()) return
  clearInterval(timer)
  // A real signal, so the process's own SIGTERM handler runs (graceful shutdown) or, without one,
  // the default action ends it.
  process.kill(process.pid, 'SIGTERM')
}, CHECK_MS)
timer.unref()
