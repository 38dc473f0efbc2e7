// A report-file host on 127.0.0.1 for the download tests, with the download
// policy that allows it (and only it besides GitHub's own hosts).
import { afterAll, beforeAll } from '@jest/globals'
import { createServer, type RequestListener, type Server } from 'node:http'
import type { DownloadPolicy } from '../../../../src/sources/reports/download.js'

export interface LocalFileHost {
  /** `http://127.0.0.1:<port>`, once started. */
  base: string
  policy: DownloadPolicy
}

/** Starts the host before the file's tests and closes it after them. */
export function useLocalFileHost(
  handler: RequestListener,
  timeoutMs: number
): LocalFileHost {
  const host: LocalFileHost = { base: '', policy: {} as DownloadPolicy }
  let server: Server
  beforeAll(async () => {
    server = createServer(handler)
    await new Promise<void>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve())
    )
    const { port } = server.address() as { port: number }
    host.base = `http://127.0.0.1:${port}`
    host.policy = {
      extraHosts: [`127.0.0.1:${port}`],
      apiUrl: 'https://api.github.com',
      maxBytes: 1024 * 1024,
      maxLineBytes: 1024,
      timeoutMs
    }
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return host
}
