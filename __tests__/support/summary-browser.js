/**
 * Renders a job summary the way GitHub shows it, in headless Chromium, and
 * measures what a reader would see: GitHub-flavoured Markdown (markdown-it
 * with tables, raw HTML and GitHub's `> [!WARNING]` alerts), a hand-written
 * stand-in for GitHub's markdown CSS (__tests__/fixtures/github-markdown.css)
 * in a 1000 px column, and each mermaid block drawn by the mermaid package
 * loaded from node_modules (no network). Used by the browser test and by
 * `npm run render`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import MarkdownIt from 'markdown-it'

const require = createRequire(import.meta.url)
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CSS = readFileSync(
  join(ROOT, '__tests__/fixtures/github-markdown.css'),
  'utf8'
)

/** The mermaid builds the test draws with: the newest 11.x and the last 10.x. */
export const MERMAID_VERSIONS = /** @type {const} */ ({
  'mermaid 11': 'mermaid',
  'mermaid 10.9': 'mermaid10'
})
/** @typedef {keyof typeof MERMAID_VERSIONS} MermaidVersion */

/** @param {string} pkg @returns {{ script: string, version: string }} */
export function mermaidBuild(pkg) {
  const manifest = require.resolve(`${pkg}/package.json`)
  const { version } = /** @type {{ version: string }} */ (
    JSON.parse(readFileSync(manifest, 'utf8'))
  )
  return { script: join(dirname(manifest), 'dist/mermaid.min.js'), version }
}

/** CHROMIUM_PATH, then Debian's /usr/bin/chromium; null when neither exists. */
export function findChromium() {
  for (const candidate of [process.env.CHROMIUM_PATH, '/usr/bin/chromium'])
    if (candidate && existsSync(candidate)) return candidate
  return null
}

/**
 * GitHub's alerts: a blockquote whose first line is `[!WARNING]` (or NOTE,
 * TIP, IMPORTANT, CAUTION) becomes a titled box. markdown-it has no plugin
 * for it installed, so this small core rule does what GitHub's renderer does.
 * @param {InstanceType<typeof MarkdownIt>} md
 */
function githubAlerts(md) {
  md.core.ruler.after('block', 'github-alerts', (/** @type {any} */ state) => {
    const tokens = state.tokens
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].type !== 'blockquote_open') continue
      const inline = tokens[i + 2]
      const match =
        /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*(?:\n|$)/.exec(
          inline?.type === 'inline' ? inline.content : ''
        )
      if (!match) continue
      const kind = match[1].toLowerCase()
      tokens[i].tag = 'div'
      tokens[i].attrSet('class', `markdown-alert markdown-alert-${kind}`)
      let depth = 0
      for (let j = i; j < tokens.length; j++) {
        if (tokens[j].type === 'blockquote_open') depth++
        if (tokens[j].type === 'blockquote_close' && --depth === 0) {
          tokens[j].tag = 'div'
          break
        }
      }
      tokens[i + 1].attrSet('class', 'markdown-alert-title')
      const rest = inline.content.slice(match[0].length)
      inline.content = kind[0].toUpperCase() + kind.slice(1)
      inline.children = []
      if (rest) {
        const more = new state.Token('inline', '', 0)
        more.content = rest
        more.children = []
        const open = new state.Token('paragraph_open', 'p', 1)
        const close = new state.Token('paragraph_close', 'p', -1)
        tokens.splice(i + 4, 0, open, more, close)
      }
    }
  })
}

const md = new MarkdownIt({ html: true, linkify: false }).use(githubAlerts)
const defaultFence = md.renderer.rules.fence
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  if (token.info.trim() !== 'mermaid')
    return defaultFence
      ? defaultFence(tokens, idx, options, env, self)
      : self.renderToken(tokens, idx, options)
  return `<div class="mermaid-chart" data-source="${md.utils.escapeHtml(token.content)}"></div>\n`
}

/** @param {string} markdown @returns {string} the summary as a page, charts not drawn yet */
export function summaryPage(markdown) {
  const body = md.render(markdown)
  // A block-level markdown-it pass leaves the inline blocks it must not touch.
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<style>${CSS}</style></head>`,
    `<body><article class="markdown-body">${body}</article></body></html>`
  ].join('\n')
}

/**
 * @typedef {object} ChartMeasure
 * @property {number} ms time mermaid took to draw the chart
 * @property {string[]} labels x-axis label texts
 * @property {Array<[string, string]>} overlaps pairs of x-axis labels whose boxes intersect
 * @property {string[]} fills colours of the bars and the line
 * @property {string} [error] mermaid's error, when the chart did not draw
 */

/**
 * @typedef {object} SummaryMeasure
 * @property {Array<{ scrollWidth: number, clientWidth: number, header: string }>} tables
 * @property {string[]} wrappedCells table cells whose text breaks over lines
 * @property {ChartMeasure[]} charts
 * @property {string} text the visible text of the page (details opened)
 * @property {string} firstAfterHeading tag and class of the element after the first h2
 * @property {number} height of the page in px, charts drawn, details closed
 */

/** The longest a chart may take to draw. */
export const CHART_BUDGET_MS = 1000

const PROBE = join(ROOT, '__tests__/support/summary-page.js')

/**
 * Opens the summary in `page`, draws its charts with one mermaid build, and
 * measures it.
 * @param {import('playwright-core').Page} page
 * @param {string} markdown
 * @param {{ mermaid?: string, theme?: string, openDetails?: boolean }} [options]
 * @returns {Promise<SummaryMeasure>}
 */
export async function renderInPage(page, markdown, options = {}) {
  await page.setViewportSize({ width: 1040, height: 900 })
  await page.setContent(summaryPage(markdown))
  await page.addScriptTag({
    path: mermaidBuild(options.mermaid ?? 'mermaid').script
  })
  await page.addScriptTag({ path: PROBE })
  /** @type {ChartMeasure[]} */
  const charts = await page.evaluate(
    ([theme, budget]) =>
      /** @type {any} */ (globalThis).summaryProbe.drawCharts(theme, budget),
    /** @type {const} */ ([options.theme ?? 'default', CHART_BUDGET_MS])
  )
  /** @type {Omit<SummaryMeasure, 'charts'>} */
  const measure = await page.evaluate(
    (open) => /** @type {any} */ (globalThis).summaryProbe.measure(open),
    options.openDetails ?? true
  )
  return { ...measure, charts }
}
