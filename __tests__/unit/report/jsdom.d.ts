// The little of jsdom the mermaid test uses; jsdom ships no types, and
// @types/jsdom would be one more dev dependency for two members.
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string)
    readonly window: { document: unknown; close(): void }
  }
}
