import { mapWithConcurrency } from '../common/concurrency.js'
import { ActionError } from '../common/errors.js'
import {
  apiMessage,
  httpStatus,
  type Octokit
} from '../sources/github-client.js'
import { branchRefusal } from './branch-refusal.js'

/** Files read at once from the branch. */
const READ_CONCURRENCY = 8

/** A file to commit; `text` null removes it. */
export interface BranchFile {
  path: string
  text: string | null
  /** Sent inside the tree request rather than as its own blob (small files). */
  inline?: boolean
}

/** One entry of a tree to create: sha null removes the path. */
interface TreeEntry {
  path: string
  mode: '100644'
  type: 'blob'
  sha?: string | null
  content?: string
}

/** The data branch as read: the tip the next commit must build on. */
export interface Snapshot {
  /** Tip commit, or null when the branch does not exist yet. */
  head: string | null
  /** Tree of the tip commit. */
  tree: string | null
  /** Text of each requested file at the tip (null when absent), in the order asked. */
  texts: (string | null)[]
}

/** The branch moved between read and write (another run committed): read again and redo. */
export class BranchMovedError extends Error {
  constructor() {
    super('the data branch moved while this run was writing')
    this.name = 'BranchMovedError'
  }
}

/**
 * Files on one branch, read and written through the Git Data API: no
 * checkout, files over 1 MB work, all files change in one commit, and the ref
 * only ever moves by fast-forward.
 */
export class DataBranchStore {
  constructor(
    private readonly octokit: Octokit,
    private readonly owner: string,
    private readonly repo: string,
    readonly branch: string
  ) {}

  where(path: string): string {
    return `${path} on branch ${this.branch} of ${this.owner}/${this.repo}`
  }

  /** The tip commit of the branch, or null when it does not exist. */
  private async tip(): Promise<string | null> {
    return this.call('read the data branch', async () => {
      try {
        const ref = await this.octokit.rest.git.getRef({
          owner: this.owner,
          repo: this.repo,
          ref: `heads/${this.branch}`
        })
        return ref.data.object.sha
      } catch (error) {
        if (httpStatus(error) === 404) return null
        throw error
      }
    })
  }

  async read(paths: readonly string[]): Promise<Snapshot> {
    const { owner, repo } = this
    const head = await this.tip()
    if (head === null)
      return { head: null, tree: null, texts: paths.map(() => null) }
    return this.call('read the data branch', async () => {
      const commit = await this.octokit.rest.git.getCommit({
        owner,
        repo,
        commit_sha: head
      })
      const texts = await this.readFiles(head, paths)
      return { head, tree: commit.data.tree.sha, texts }
    })
  }

  /**
   * Texts of files at commit `head` (null when absent), in the order asked.
   * Several at a time: a sharded history is one file per month, and on
   * github.com each request is a round trip.
   */
  async readFiles(
    head: string,
    paths: readonly string[]
  ): Promise<(string | null)[]> {
    return this.call('read the data branch', () =>
      mapWithConcurrency(paths, READ_CONCURRENCY, (path) =>
        this.readFile(head, path)
      )
    )
  }

  private async readFile(head: string, path: string): Promise<string | null> {
    const { owner, repo } = this
    try {
      // Raw media type: the JSON form returns empty content for files over 1 MB.
      const file = await this.octokit.rest.repos.getContent({
        owner,
        repo,
        path,
        ref: head,
        mediaType: { format: 'raw' }
      })
      if (typeof file.data !== 'string')
        throw new ActionError(
          `${this.where(path)} is not a file. Set history-path to a file path.`
        )
      return file.data
    } catch (error) {
      if (httpStatus(error) === 404) return null
      throw error
    }
  }

  /**
   * Commits the files on top of `base`, never forcing the ref. Throws
   * BranchMovedError when someone else committed first.
   */
  async write(
    base: Pick<Snapshot, 'head' | 'tree'>,
    files: readonly BranchFile[],
    message: string
  ): Promise<string> {
    const { owner, repo } = this
    const commit = await this.call('write to the data branch', async () => {
      const entries = await this.treeEntries(files)
      // No base tree on a new branch: an orphan branch that holds only the history.
      const tree = await this.octokit.rest.git.createTree({
        owner,
        repo,
        ...(base.tree ? { base_tree: base.tree } : {}),
        tree: entries
      })
      // No author or committer: commits made with an app token (GITHUB_TOKEN) are then signed by GitHub.
      const created = await this.octokit.rest.git.createCommit({
        owner,
        repo,
        message,
        tree: tree.data.sha,
        parents: base.head ? [base.head] : []
      })
      return created.data.sha
    })
    await this.call('update the data branch', () =>
      this.moveRef(base.head, commit)
    )
    return commit
  }

  /** The tree entries of the files: removed, inline, or as a blob created first. */
  private async treeEntries(
    files: readonly BranchFile[]
  ): Promise<TreeEntry[]> {
    const { owner, repo } = this
    // Sequential: GitHub asks for content-creating requests one at a time.
    const entries: TreeEntry[] = []
    for (const file of files) {
      const entry = {
        path: file.path,
        mode: '100644' as const,
        type: 'blob' as const
      }
      if (file.text === null) entries.push({ ...entry, sha: null })
      else if (file.inline) entries.push({ ...entry, content: file.text })
      else {
        const blob = await this.octokit.rest.git.createBlob({
          owner,
          repo,
          content: file.text,
          encoding: 'utf-8'
        })
        entries.push({ ...entry, sha: blob.data.sha })
      }
    }
    return entries
  }

  /**
   * Moves the branch from `head` to `commit` by fast-forward, or creates it
   * (`head` null). Throws BranchMovedError when another commit came first.
   */
  private async moveRef(head: string | null, commit: string): Promise<void> {
    const { owner, repo } = this
    try {
      if (head)
        await this.octokit.rest.git.updateRef({
          owner,
          repo,
          ref: `heads/${this.branch}`,
          sha: commit,
          force: false
        })
      else
        await this.octokit.rest.git.createRef({
          owner,
          repo,
          ref: `refs/heads/${this.branch}`,
          sha: commit
        })
    } catch (error) {
      if (error instanceof ActionError) throw error
      const status = httpStatus(error)
      const text = apiMessage(error)
      // Either another run moved the branch, or an earlier try of this very
      // request landed and its answer was lost (plugin-retry then tried
      // again and was told the branch already moved): look which.
      if (
        (status === 422 && /fast forward|already exists/i.test(text)) ||
        status === undefined ||
        status >= 500
      ) {
        if ((await this.tip()) === commit) return
        throw new BranchMovedError()
      }
      throw error
    }
  }

  /** Every file under `tree`, path → blob sha (one request); null when GitHub truncated the list. */
  async listFiles(tree: string): Promise<Map<string, string> | null> {
    return this.call('read the data branch', async () => {
      const listing = await this.octokit.rest.git.getTree({
        owner: this.owner,
        repo: this.repo,
        tree_sha: tree,
        recursive: 'true'
      })
      if (listing.data.truncated) return null
      return new Map(
        listing.data.tree.flatMap((entry) =>
          entry.type === 'blob' && entry.path && entry.sha
            ? [[entry.path, entry.sha] as const]
            : []
        )
      )
    })
  }

  /** A file's text by blob sha (from listFiles). */
  async readBlob(sha: string): Promise<string> {
    return this.call('read the data branch', async () => {
      const blob = await this.octokit.rest.git.getBlob({
        owner: this.owner,
        repo: this.repo,
        file_sha: sha
      })
      return Buffer.from(blob.data.content, 'base64').toString('utf8')
    })
  }

  /** Runs one step, turning GitHub's refusals into errors that say what to change. */
  private async call<T>(action: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step()
    } catch (error) {
      if (error instanceof ActionError || error instanceof BranchMovedError)
        throw error
      throw branchRefusal(action, error, {
        repository: `${this.owner}/${this.repo}`,
        branch: this.branch
      })
    }
  }
}
