// Writes to the data branch from the source, against the fake GitHub's Git
// Data API: what the compare-and-swap loop in sync.ts relies on.
import { describe, expect, it, jest } from '@jest/globals'
import {
  BranchMovedError,
  DataBranchStore
} from '../../src/history/data-branch.js'
import { createOctokit } from '../../src/sources/github-client.js'
import { freshNames, useFakeGitHub } from '../e2e/helpers.js'

jest.setTimeout(30_000)

const gh = useFakeGitHub()
const BRANCH = 'copilot-metrics'

function storeFor(prefix: string) {
  const { repo } = freshNames(prefix)
  const [owner, name] = repo.split('/')
  gh.repo(repo)
  const octokit = createOctokit('repo-token', gh.apiUrl, 'github-token')
  return {
    repo,
    handle: () => gh.repo(repo),
    store: new DataBranchStore(octokit, owner, name, BRANCH)
  }
}

describe('the data branch store', () => {
  it('creates the branch as an orphan holding only the files written', async () => {
    const { handle, store } = storeFor('orphan')
    const base = await store.read(['h.json'])
    expect(base).toEqual({ head: null, tree: null, texts: [null] })
    const commit = await store.write(base, [{ path: 'h.json', text: '1' }], 'm')
    expect(handle().headSha(BRANCH)).toBe(commit)
    expect(
      handle()
        .log(BRANCH)
        .map((c) => c.parents)
    ).toEqual([[]])
    expect(handle().listFiles(BRANCH)).toEqual(['h.json'])
  })

  it('builds on the tip, keeps every other file, reads a missing file as null, never forces', async () => {
    const { handle, store } = storeFor('ontop')
    const tip = handle().commitFiles(BRANCH, {
      'README.md': 'notes',
      'other/h.json': '{}'
    })
    const base = await store.read(['copilot-metrics/h.json', 'README.md'])
    expect(base.head).toBe(tip)
    expect(base.texts).toEqual([null, 'notes'])
    const commit = await store.write(
      base,
      [{ path: 'copilot-metrics/h.json', text: '2' }],
      'm'
    )
    expect(handle().log(BRANCH)[0]).toMatchObject({
      sha: commit,
      parents: [tip]
    })
    expect(handle().listFiles(BRANCH)).toEqual([
      'README.md',
      'copilot-metrics/h.json',
      'other/h.json'
    ])
    expect(
      gh.forcePushes.filter((push) => push.repo === handle().name)
    ).toEqual([])
  })

  it('throws BranchMovedError when another run committed between read and write, and leaves its commit', async () => {
    const { handle, store } = storeFor('moved')
    handle().commitFiles(BRANCH, { 'h.json': '1' })
    const base = await store.read(['h.json'])
    const theirs = handle().commitFiles(BRANCH, { 'h.json': '2' })
    await expect(
      store.write(base, [{ path: 'h.json', text: '3' }], 'm')
    ).rejects.toBeInstanceOf(BranchMovedError)
    expect(handle().headSha(BRANCH)).toBe(theirs)
    // The same on a branch that did not exist when read.
    const fresh = storeFor('created')
    const none = await fresh.store.read(['h.json'])
    fresh.handle().commitFiles(BRANCH, { 'h.json': 'theirs' })
    await expect(
      fresh.store.write(none, [{ path: 'h.json', text: 'mine' }], 'm')
    ).rejects.toBeInstanceOf(BranchMovedError)
  })

  it('recognises its own commit when the answer creating the branch was lost', async () => {
    const { repo, handle, store } = storeFor('lostanswer')
    const path = `/repos/${repo}/git/refs`
    // GitHub creates the ref, then the answer is lost (502); the retry is told it exists.
    gh.hooks.before({ method: 'POST', path }, (req) => {
      handle().setRef(BRANCH, String((req.body as { sha: string }).sha))
    })
    gh.faults.add({ method: 'POST', path, respond: { status: 502 } })
    const commit = await store.write(
      await store.read(['h.json']),
      [{ path: 'h.json', text: '1' }],
      'm'
    )
    expect(handle().headSha(BRANCH)).toBe(commit)
    expect(
      gh.requests.filter((r) => r.path === path).map((r) => r.status)
    ).toEqual([502, 422])
  })

  it('explains an empty repository (409 on the Git database) and writes nothing', async () => {
    const { repo, handle, store } = storeFor('empty')
    gh.repo(repo, { empty: true })
    await expect(store.read(['h.json'])).rejects.toThrow(
      `Could not read the data branch: repository ${repo} is empty. Push a first commit to it, then run again.`
    )
    expect(handle().headSha(BRANCH)).toBeNull()
  })
})
