/**
 * The request scheduling GitHub asks of API clients, without a scheduler
 * library: Bottleneck (behind @octokit/plugin-throttling and plugin-retry)
 * parks every request on a zero-delay timer, about a third of a nightly
 * run's wall time. Here a request waits only when there is a reason to:
 * a full slot, the write before it, or a Retry-After.
 */

/** At most `limit` tasks at once; the others queue in order. */
export class Slots {
  private active = 0
  private readonly queue: (() => void)[] = []

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit)
      await new Promise<void>((resolve) => this.queue.push(resolve))
    else this.active++
    try {
      return await task()
    } finally {
      const next = this.queue.shift()
      // The slot passes straight to the next task: active stays the same.
      if (next) next()
      else this.active--
    }
  }
}

/**
 * Content-creating requests one at a time, as GitHub's best practices ask.
 * The first `burst` go straight on (a nightly commit is four or five writes
 * that wait on each other anyway); after that, starts are `spacingMs` apart,
 * which keeps a long series (a migration's many blobs) under GitHub's 80
 * content-creating requests a minute.
 */
export class WriteLane {
  private tail: Promise<void> = Promise.resolve()
  private started = 0
  private lastStart = 0

  constructor(
    private readonly burst: number,
    private readonly spacingMs: number,
    private readonly sleep: (ms: number) => Promise<void> = delay
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    const previous = this.tail
    let release!: () => void
    this.tail = new Promise((resolve) => (release = resolve))
    await previous
    try {
      if (this.started >= this.burst) {
        const wait = this.lastStart + this.spacingMs - Date.now()
        if (wait > 0) await this.sleep(wait)
      }
      this.started++
      this.lastStart = Date.now()
      return await task()
    } finally {
      release()
    }
  }
}

export const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms))
