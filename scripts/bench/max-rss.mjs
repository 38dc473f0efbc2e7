// Preloaded into the Action's process (NODE_OPTIONS=--import=…): on exit it
// writes the peak resident set size, in KiB, to $BENCH_MAX_RSS_FILE.
//
// On Linux this is VmHWM of /proc/self/status, the high-water mark of this
// program's own memory. process.resourceUsage().maxRSS is not used there: it
// survives execve, so a child forked from a large parent (the benchmark, with
// its generated data) reports at least the parent's size.
import { readFileSync, writeFileSync } from 'node:fs'

const file = process.env.BENCH_MAX_RSS_FILE
if (file)
  process.on('exit', () => {
    let kib = process.resourceUsage().maxRSS
    try {
      const match = /^VmHWM:\s*(\d+) kB$/m.exec(
        readFileSync('/proc/self/status', 'utf8')
      )
      if (match) kib = Number(match[1])
    } catch {
      // not Linux: maxRSS is the best there is
    }
    writeFileSync(file, String(kib))
  })
