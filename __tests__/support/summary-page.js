// Runs in the browser page, not in Node: loaded with page.addScriptTag by
// summary-browser.js, after the mermaid build. Not type-checked: the
// project's types are Node's, without the DOM.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-nocheck
/* global window, document */
'use strict'

/** Distinct text lines of an element: inline boxes whose tops are more than half a line apart. */
function lineCount(element) {
  const range = document.createRange()
  range.selectNodeContents(element)
  const tops = [...range.getClientRects()]
    .filter((rect) => rect.width > 0)
    .map((rect) => rect.top)
    .sort((a, b) => a - b)
  let lines = tops.length ? 1 : 0
  for (let i = 1; i < tops.length; i++) if (tops[i] - tops[i - 1] > 10) lines++
  return lines
}

/** Pairs of elements whose boxes intersect by more than half a pixel. */
function overlappingPairs(elements) {
  const boxes = elements.map((element) => element.getBoundingClientRect())
  const pairs = []
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]]
      if (
        a.left < b.right - 0.5 &&
        b.left < a.right - 0.5 &&
        a.top < b.bottom - 0.5 &&
        b.top < a.bottom - 0.5
      )
        pairs.push([elements[i].textContent, elements[j].textContent])
    }
  return pairs
}

window.summaryProbe = {
  /** Draws every chart with the mermaid build on the page, one at a time, timing each. */
  async drawCharts(theme, budgetMs) {
    window.mermaid.initialize({ startOnLoad: false, theme })
    // One untimed chart first: mermaid's one-time set-up is not a chart's draw time.
    const warmUp = performance.now()
    await window.mermaid.render(
      'warm-up',
      'xychart-beta\n  x-axis [a, b]\n  bar [1, 2]'
    )
    document.getElementById('warm-up')?.remove()
    window.mermaidSetUpMs = performance.now() - warmUp
    const results = []
    const blocks = [...document.querySelectorAll('.mermaid-chart')]
    for (const [n, block] of blocks.entries()) {
      const source = block.getAttribute('data-source') ?? ''
      let ms = Infinity
      try {
        // The fastest of up to three draws: on a shared machine one draw can
        // wait for the CPU; a chart within budget is drawn once.
        for (let attempt = 0; attempt < 3 && ms > budgetMs; attempt++) {
          const started = performance.now()
          const { svg } = await window.mermaid.render(`chart${n}`, source)
          ms = Math.min(ms, performance.now() - started)
          block.innerHTML = svg
        }
      } catch (error) {
        results.push({
          ms,
          labels: [],
          overlaps: [],
          fills: [],
          error: String(error)
        })
        continue
      }
      // The x-axis labels: mermaid 10 and 11 both draw them in g.bottom-axis g.label.
      const labels = [...block.querySelectorAll('.bottom-axis .label text')]
      const fills = [
        ...new Set(
          [...block.querySelectorAll('.plot rect, .plot path')].map((shape) =>
            shape.getAttribute('fill') !== 'none'
              ? shape.getAttribute('fill')
              : shape.getAttribute('stroke')
          )
        )
      ]
      results.push({
        ms,
        labels: labels.map((text) => text.textContent ?? ''),
        overlaps: overlappingPairs(labels),
        fills
      })
    }
    return results
  },

  /** Tables, wrapped cells, visible text and what follows the heading. */
  measure(openDetails) {
    const height = document.body.scrollHeight
    if (openDetails)
      for (const details of document.querySelectorAll('details'))
        details.open = true
    const tables = [...document.querySelectorAll('table')].map((table) => ({
      scrollWidth: table.scrollWidth,
      clientWidth: table.clientWidth,
      header: [...table.querySelectorAll('th')]
        .map((th) => th.textContent)
        .join(' | ')
    }))
    const wrappedCells = [...document.querySelectorAll('td, th')]
      .filter((cell) => lineCount(cell) > 1)
      .map((cell) => cell.textContent ?? '')
    const heading = document.querySelector('h2')
    const next = heading?.nextElementSibling
    return {
      tables,
      wrappedCells,
      text: document.body.innerText,
      firstAfterHeading: next
        ? `${next.tagName.toLowerCase()}.${next.className}`
        : '',
      height
    }
  }
}
