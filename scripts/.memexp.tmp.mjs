import { nightly } from './bench/action-runs.mjs'
import { startFakeGitHub } from '../__tests__/support/fake-github.js'
for (const opts of (process.env.OPTS ?? '').split(';')) {
  const gh = await startFakeGitHub()
  process.env.BENCH_NODE_OPTIONS = opts
  const r = await nightly(gh, 64)
  console.log(JSON.stringify(opts), r.slice(0, 2).map(x => `${x.name}=${x.value}`).join(' | '))
  await gh.close?.()
}
process.exit(0)
