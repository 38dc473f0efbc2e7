// The dashboard of copilot-metrics-history: reads histories.json and the
// history files next to it (relative URLs only, nothing else is requested)
// and draws them with uPlot. Plain browser JavaScript, no build step.
'use strict'
;(function () {
  const config = JSON.parse(document.getElementById('config').textContent)
  const DAY_S = 86400
  const COLORS = [
    '#0969da',
    '#bf3989',
    '#1a7f37',
    '#bc4c00',
    '#8250df',
    '#0598bc',
    '#9a6700',
    '#57606a'
  ]
  const $ = (id) => document.getElementById(id)

  // --- Dates: epoch days in UTC, like the Action ----------------------------

  const epochDay = (iso) => Date.parse(`${iso}T00:00:00Z`) / (DAY_S * 1000)
  const isoOf = (day) => new Date(day * DAY_S * 1000).toISOString().slice(0, 10)
  // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
  const mondayOf = (day) => day - ((((day + 3) % 7) + 7) % 7)
  function weekLabel(monday) {
    const year = new Date((monday + 3) * DAY_S * 1000).getUTCFullYear()
    const jan4 = epochDay(`${year}-01-04`)
    return `${year}-W${String((monday - mondayOf(jan4)) / 7 + 1).padStart(2, '0')}`
  }

  // --- Loading ----------------------------------------------------------------

  /** A path from the branch root, as a URL relative to this page. */
  const urlOf = (root, path) =>
    root + path.split('/').map(encodeURIComponent).join('/')

  async function fetchJson(url, started) {
    const response = await (started || fetch(url, { cache: 'no-cache' }))
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
    return response.json()
  }

  /**
   * One history as { scope, days, seats }, whatever its storage: a single
   * JSON file, or an index whose `shards` (one month of days per line-delimited
   * file, next to the index) hold the days.
   */
  async function loadHistory(entry, root) {
    const history = await fetchJson(urlOf(root, entry.path))
    let days = history.days || []
    if (Array.isArray(history.shards)) {
      const folder = entry.path.slice(0, entry.path.lastIndexOf('/') + 1)
      const texts = await Promise.all(
        history.shards.map(async (shard) => {
          const url = urlOf(root, folder + shard.file)
          const response = await fetch(url, { cache: 'no-cache' })
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
          return response.text()
        })
      )
      days = texts.flatMap((text) =>
        text
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line))
      )
    }
    return { scope: history.scope, days, seats: history.seats || [] }
  }

  // --- Figures of a day, as the job summary reads them ----------------------

  const isCount = (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
  const FIGURES = Object.keys(config.reportsFields)

  function dayFigures(day) {
    const f = {
      day: epochDay(day.date),
      active: day.summary.activeUsers,
      engaged: day.summary.engagedUsers,
      // Distinct users of the ISO week up to this day (docs/distinct-users.md);
      // GitHub's own weekly_active_users counts from Sunday, not Monday.
      weeklyActive: isCount(day.distinct?.weekToDate?.activeUsers)
        ? day.distinct.weekToDate.activeUsers
        : null,
      breakdowns: {}
    }
    for (const figure of FIGURES) {
      const stored = day.summary[figure]
      if (stored !== undefined) f[figure] = isCount(stored) ? stored : null
      else if (day.source === 'reports') {
        const value = day.record[config.reportsFields[figure]]
        f[figure] = isCount(value) ? value : null
      } else f[figure] = null
    }
    for (const [kind, source] of Object.entries(config.breakdowns)) {
      const rows = day.source === 'reports' ? day.record[source.array] : null
      if (!Array.isArray(rows)) continue
      const byName = {}
      for (const row of rows) {
        if (!row || typeof row[source.name] !== 'string') continue
        let activity = 0
        for (const field of config.activityFields)
          if (typeof row[field] === 'number' && row[field] > 0)
            activity += row[field]
        byName[row[source.name]] = (byName[row[source.name]] || 0) + activity
      }
      f.breakdowns[kind] = byName
    }
    return f
  }

  /** Figures by day and by ISO week; days and weeks without data are absent (gaps, never zeros). */
  function model(history) {
    const days = new Map()
    for (const day of history.days) {
      const f = dayFigures(day)
      days.set(f.day, f)
    }
    const weeks = new Map()
    for (const f of days.values()) {
      const monday = mondayOf(f.day)
      if (!weeks.has(monday)) weeks.set(monday, { monday, days: [] })
      weeks.get(monday).days.push(f)
    }
    const seats = history.seats.map((s) => ({
      day: epochDay(s.date),
      total: isCount(s.summary.total) ? s.summary.total : null
    }))
    for (const week of weeks.values()) {
      const n = week.days.length
      const sum = (key) => week.days.reduce((t, d) => t + d[key], 0)
      const both = week.days.filter(
        (d) => d.codeGenerations !== null && d.codeAcceptances !== null
      )
      const generated = both.reduce((t, d) => t + d.codeGenerations, 0)
      week.label = weekLabel(week.monday)
      week.partial = n < 7
      week.avgActive = sum('active') / n
      week.avgEngaged = sum('engaged') / n
      week.weeklyActive = week.days[n - 1].weeklyActive
      week.acceptanceRate =
        generated > 0
          ? both.reduce((t, d) => t + d.codeAcceptances, 0) / generated
          : null
      let seatsOfWeek = null
      for (const s of seats)
        if (s.day >= week.monday && s.day <= week.monday + 6)
          seatsOfWeek = s.total
      week.seats = seatsOfWeek
      week.utilization = seatsOfWeek ? week.avgActive / seatsOfWeek : null
    }
    const sorted = [...days.keys()].sort((a, b) => a - b)
    return {
      days,
      weeks,
      seats,
      first: sorted[0],
      last: sorted[sorted.length - 1]
    }
  }

  // --- Charts -----------------------------------------------------------------

  /** Definition breaks as lines, partial weeks as shaded bands: drawn under and over the series. */
  function marks(breaks, bands) {
    return {
      hooks: {
        drawClear: [
          (u) => {
            const { ctx } = u
            ctx.save()
            ctx.fillStyle = 'rgba(154, 103, 0, 0.12)'
            for (const [a, b] of bands) {
              const x0 = u.valToPos(a, 'x', true)
              const x1 = u.valToPos(b, 'x', true)
              ctx.fillRect(x0, u.bbox.top, x1 - x0, u.bbox.height)
            }
            ctx.restore()
          }
        ],
        draw: [
          (u) => {
            const { ctx } = u
            ctx.save()
            ctx.strokeStyle = '#cf222e'
            ctx.setLineDash([4, 4])
            ctx.lineWidth = devicePixelRatio
            for (const x of breaks) {
              const px = u.valToPos(x, 'x', true)
              if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) continue
              ctx.beginPath()
              ctx.moveTo(px, u.bbox.top)
              ctx.lineTo(px, u.bbox.top + u.bbox.height)
              ctx.stroke()
            }
            ctx.restore()
          }
        ]
      }
    }
  }

  const utc = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC')
  const plots = []

  /**
   * One chart: `series` is [{ label, values, scale?, format? }] over `xs`
   * (seconds). Returns null when no value is in range: the chart says so
   * instead of drawing an empty frame.
   */
  function chart(id, title, note, xs, series, options = {}) {
    const figure = document.createElement('figure')
    figure.dataset.chart = id
    const caption = document.createElement('figcaption')
    caption.textContent = title
    if (note) {
      const small = document.createElement('small')
      small.textContent = note
      caption.append(small)
    }
    figure.append(caption)
    $('charts').append(figure)
    const shown = series.filter((s) => s.values.some((v) => v !== null))
    // A chart about one figure (seats) says so when that figure is missing.
    if (
      xs.length === 0 ||
      shown.length === 0 ||
      (options.needsFirst && shown[0] !== series[0])
    ) {
      const empty = document.createElement('p')
      empty.className = 'empty'
      empty.textContent = options.empty || 'No data in the selected range.'
      figure.append(empty)
      figure.dataset.empty = 'true'
      return null
    }
    const colors = shown.map((s, i) => s.color || COLORS[i % COLORS.length])
    figure.dataset.colors = colors.join(' ')
    const target = document.createElement('div')
    target.className = 'plot'
    target.setAttribute('role', 'img')
    target.setAttribute(
      'aria-label',
      `${title}: ${shown.map((s) => s.label).join(', ')}, ${isoOf(xs[0] / DAY_S)} to ${isoOf(xs[xs.length - 1] / DAY_S)}. The table below lists the days.`
    )
    figure.append(target)
    const percent = (u, values) =>
      values.map((v) => `${+(v * 100).toFixed(1)}%`)
    const axes = [{ stroke: '#59636e' }, { stroke: '#59636e', size: 56 }]
    const scales = { x: { time: true } }
    if (options.percent) axes[1].values = percent
    if (shown.some((s) => s.scale === 'ratio')) {
      scales.ratio = { range: [0, 1] }
      axes.push({
        scale: 'ratio',
        side: 1,
        values: percent,
        grid: { show: false },
        size: 56
      })
    }
    const plot = new uPlot(
      {
        width: Math.max(300, target.clientWidth || 560),
        height: 240,
        tzDate: utc,
        scales,
        axes,
        cursor: { drag: { x: false, y: false } },
        series: [
          {
            label: 'Date',
            value: (u, v) => (v === null ? '' : isoOf(v / DAY_S))
          },
          ...shown.map((s, i) => ({
            label: s.label,
            scale: s.scale || 'y',
            stroke: colors[i],
            width: 2,
            points: { show: options.points !== false && xs.length < 120 },
            value: (u, v) =>
              v === null
                ? '–'
                : options.percent || s.scale === 'ratio'
                  ? `${(v * 100).toFixed(2)}%`
                  : Math.round(v * 100) / 100
          }))
        ],
        plugins: [marks(options.breaks || [], options.bands || [])]
      },
      [xs, ...shown.map((s) => s.values)],
      target
    )
    plots.push(plot)
    return plot
  }

  // --- State and rendering ------------------------------------------------------

  const state = {
    index: null,
    root: '',
    models: new Map(), // path → model
    selected: null,
    from: null,
    to: null
  }

  function tableRows(m) {
    const header = [
      'Date',
      'Active users',
      'Engaged users',
      'Weekly active users',
      'Acceptance rate (%)',
      'Lines added',
      'Interactions',
      'Code review users',
      'Cloud agent users'
    ]
    const rows = []
    const cell = (v) => (v === null || v === undefined ? '' : String(v))
    for (let day = state.from; day <= state.to; day++) {
      const f = m.days.get(day)
      if (!f) {
        rows.push({
          missing: true,
          cells: [isoOf(day), '', '', '', '', '', '', '', '']
        })
        continue
      }
      const rate =
        f.codeGenerations && f.codeAcceptances !== null
          ? ((f.codeAcceptances / f.codeGenerations) * 100).toFixed(2)
          : null
      rows.push({
        missing: false,
        cells: [
          isoOf(day),
          cell(f.active),
          cell(f.engaged),
          cell(f.weeklyActive),
          cell(rate),
          cell(f.locAdded),
          cell(f.interactions),
          cell(f.codeReviewUsers),
          cell(f.cloudAgentUsers)
        ]
      })
    }
    return { header, rows }
  }

  function renderTable(m) {
    const { header, rows } = tableRows(m)
    const table = $('table')
    table.textContent = ''
    const head = table.createTHead().insertRow()
    for (const text of header) {
      const th = document.createElement('th')
      th.scope = 'col'
      th.textContent = text
      head.append(th)
    }
    const body = table.createTBody()
    for (const row of rows) {
      const tr = body.insertRow()
      if (row.missing) {
        tr.className = 'missing'
        tr.title = 'No data stored for this day'
      }
      row.cells.forEach((text) => {
        const td = tr.insertCell()
        td.textContent = text
      })
    }
  }

  function csvText(m) {
    const { header, rows } = tableRows(m)
    const quote = (t) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t)
    return [header, ...rows.map((r) => r.cells)]
      .map((cells) => cells.map(quote).join(','))
      .join('\n')
      .concat('\n')
  }

  function renderHeadline(m) {
    const el = $('headline')
    el.textContent = ''
    const full = [...m.weeks.values()]
      .filter(
        (w) =>
          !w.partial &&
          w.monday + 6 <= state.to &&
          w.monday >= mondayOf(state.from)
      )
      .sort((a, b) => a.monday - b.monday)
      .pop()
    const add = (label, value) => {
      const box = document.createElement('div')
      box.className = 'figure'
      box.innerHTML = '<div class="value"></div><div class="label"></div>'
      box.firstChild.textContent = value
      box.lastChild.textContent = label
      el.append(box)
    }
    if (!full) {
      add('Latest full week', 'none in range')
      return
    }
    const fmt = (v, pct) =>
      v === null
        ? '–'
        : pct
          ? `${(v * 100).toFixed(1)}%`
          : String(Math.round(v * 100) / 100)
    add(`Avg daily active users, ${full.label}`, fmt(full.avgActive))
    add(`Avg daily engaged users, ${full.label}`, fmt(full.avgEngaged))
    add(`Weekly active users, ${full.label}`, fmt(full.weeklyActive))
    add(`Acceptance rate, ${full.label}`, fmt(full.acceptanceRate, true))
    if (full.utilization !== null)
      add(`Utilization of ${full.seats} seats`, fmt(full.utilization, true))
  }

  function topNames(m, kind, mondays) {
    const totals = {}
    for (const monday of mondays) {
      const week = m.weeks.get(monday)
      if (!week) continue
      for (const d of week.days)
        for (const [name, v] of Object.entries(d.breakdowns[kind] || {}))
          totals[name] = (totals[name] || 0) + v
    }
    return Object.entries(totals)
      .filter(([, v]) => v > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([name]) => name)
  }

  let renders = 0
  /** After the browser painted what is there: the first chart shows before the others are built. */
  const painted = () =>
    new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)))

  async function render() {
    const generation = ++renders
    document.body.dataset.busy = 'true'
    const m = state.models.get(state.selected)
    for (const plot of plots.splice(0)) plot.destroy()
    $('charts').textContent = ''
    if (!m || m.first === undefined) {
      $('status').textContent = 'This history holds no days yet.'
      $('table').textContent = ''
      delete document.body.dataset.busy
      return
    }
    const { from, to } = state
    const dayXs = []
    for (let d = from; d <= to; d++) dayXs.push(d * DAY_S)
    const daily = (get) =>
      dayXs.map((x) => {
        const f = m.days.get(x / DAY_S)
        return f ? get(f) : null
      })
    const mondays = []
    for (let w = mondayOf(from); w <= to; w += 7) mondays.push(w)
    const weekXs = mondays.map((w) => w * DAY_S)
    const weekly = (get) =>
      mondays.map((w) => (m.weeks.has(w) ? get(m.weeks.get(w)) : null))
    const breaks = config.definitionBreaks.map((b) => epochDay(b.date) * DAY_S)
    const weekBreaks = config.definitionBreaks.map(
      (b) => mondayOf(epochDay(b.date)) * DAY_S
    )
    const bands = mondays
      .filter((w) => m.weeks.has(w) && m.weeks.get(w).partial)
      .map((w) => [w * DAY_S - DAY_S * 3.5, w * DAY_S + DAY_S * 3.5])
    const onDays = { breaks }
    const onWeeks = { breaks: weekBreaks, bands }
    const weekNote =
      'Per ISO week (Monday to Sunday, UTC); shaded: partial week (fewer than 7 days of data).'

    chart(
      'users-daily',
      'Daily active and engaged users',
      'Red dashed line: a change of definition by GitHub.',
      dayXs,
      [
        { label: 'Active users', values: daily((f) => f.active) },
        { label: 'Engaged users', values: daily((f) => f.engaged) },
        {
          label: 'Weekly active users (distinct, ISO week to date)',
          values: daily((f) => f.weeklyActive)
        }
      ],
      onDays
    )
    await painted()
    // A newer render (another range or scope) took over meanwhile.
    if (generation !== renders) return
    if (!document.body.dataset.firstPaint) {
      performance.mark('dashboard-first-paint')
      document.body.dataset.firstPaint = 'true'
    }
    chart(
      'users-weekly',
      'Average daily users per week',
      weekNote,
      weekXs,
      [
        { label: 'Avg active', values: weekly((w) => w.avgActive) },
        { label: 'Avg engaged', values: weekly((w) => w.avgEngaged) },
        {
          label: 'Weekly active (distinct)',
          values: weekly((w) => w.weeklyActive)
        }
      ],
      onWeeks
    )
    chart(
      'acceptance',
      'Acceptance rate per week',
      'Accepted suggestions ÷ code generation events. ' + weekNote,
      weekXs,
      [{ label: 'Acceptance rate', values: weekly((w) => w.acceptanceRate) }],
      { ...onWeeks, percent: true }
    )
    chart(
      'lines',
      'Lines added with Copilot per day',
      null,
      dayXs,
      [{ label: 'Lines added', values: daily((f) => f.locAdded) }],
      onDays
    )
    chart(
      'interactions',
      'Interactions per day',
      'Prompts sent to Copilot: chat, agent mode, CLI.',
      dayXs,
      [{ label: 'Interactions', values: daily((f) => f.interactions) }],
      onDays
    )
    chart(
      'agents',
      'Code review and cloud agent users per day',
      null,
      dayXs,
      [
        { label: 'Code review users', values: daily((f) => f.codeReviewUsers) },
        { label: 'Cloud agent users', values: daily((f) => f.cloudAgentUsers) }
      ],
      onDays
    )
    chart(
      'seats',
      'Seats and utilization per week',
      'Utilization: average daily active users ÷ seats (right axis).',
      weekXs,
      [
        { label: 'Seats', values: weekly((w) => w.seats) },
        { label: 'Avg active', values: weekly((w) => w.avgActive) },
        {
          label: 'Utilization',
          values: weekly((w) => w.utilization),
          scale: 'ratio'
        }
      ],
      {
        ...onWeeks,
        empty:
          'No seats recorded: GitHub reports seats for organizations only.',
        needsFirst: true
      }
    )
    const titles = {
      languages: 'Top languages',
      ides: 'Top IDEs',
      features: 'Top features',
      models: 'Top models'
    }
    for (const kind of Object.keys(config.breakdowns)) {
      const names = topNames(m, kind, mondays)
      chart(
        `top-${kind}`,
        `${titles[kind] || kind}: share of weekly activity`,
        'Activity: code generation events plus prompts; the top 5 of the range.',
        weekXs,
        names.map((name) => ({
          label: name,
          values: weekly((w) => {
            let total = 0
            let mine = 0
            let seen = false
            for (const d of w.days) {
              const byName = d.breakdowns[kind]
              if (!byName) continue
              seen = true
              for (const [n, v] of Object.entries(byName)) {
                total += v
                if (n === name) mine += v
              }
            }
            return seen && total > 0 ? mine / total : null
          })
        })),
        { ...onWeeks, percent: true }
      )
    }
    renderCompare(mondays, weekXs, onWeeks)
    renderHeadline(m)
    renderTable(m)
    renderNotes()
    delete document.body.dataset.busy
  }

  function renderCompare(mondays, weekXs, onWeeks) {
    const entries = state.index.histories.filter((e) =>
      state.models.has(e.path)
    )
    chart(
      'compare',
      'Compare scopes: average daily active users per week',
      state.models.size < state.index.histories.length
        ? 'Loading the other histories…'
        : 'Every history on this branch.',
      weekXs,
      entries.map((e) => {
        const m = state.models.get(e.path)
        return {
          label: e.label,
          values: mondays.map((w) =>
            m.weeks.has(w) ? m.weeks.get(w).avgActive : null
          )
        }
      }),
      onWeeks
    )
  }

  function renderNotes() {
    const notes = $('notes')
    notes.textContent = ''
    for (const b of config.definitionBreaks) {
      const li = document.createElement('li')
      li.textContent = `${b.approximate ? '≈ ' : ''}${b.date}: ${b.note}`
      notes.append(li)
    }
    const li = document.createElement('li')
    li.textContent =
      'Days without data are gaps in the charts and "no data" rows in the table, never zeros.'
    notes.append(li)
  }

  // --- Controls -----------------------------------------------------------------

  function setRange(from, to) {
    const m = state.models.get(state.selected)
    state.from = Math.max(from, m.first)
    state.to = Math.min(Math.max(to, state.from), m.last)
    $('from').value = isoOf(state.from)
    $('to').value = isoOf(state.to)
    for (const button of document.querySelectorAll('.presets button')) {
      const days = button.dataset.days
      const pressed =
        state.to === m.last &&
        (days === 'all'
          ? state.from === m.first
          : state.from === Math.max(m.first, m.last - Number(days) + 1))
      button.setAttribute('aria-pressed', String(pressed))
    }
    return render()
  }

  function applyPreset(days) {
    const m = state.models.get(state.selected)
    return setRange(
      days === 'all' ? m.first : m.last - Number(days) + 1,
      m.last
    )
  }

  async function select(path) {
    state.selected = path
    const entry = state.index.histories.find((e) => e.path === path)
    if (!state.models.has(path)) {
      const history = await loadHistory(entry, state.root)
      performance.mark('dashboard-history-loaded')
      state.models.set(path, model(history))
      performance.mark('dashboard-history-modelled')
    }
    const m = state.models.get(path)
    $('status').textContent =
      `${entry.label}: ${m.days.size} days stored, ${m.first === undefined ? 'none yet' : `${isoOf(m.first)} to ${isoOf(m.last)}`}.`
    for (const input of [$('from'), $('to')]) {
      input.min = m.first === undefined ? '' : isoOf(m.first)
      input.max = m.last === undefined ? '' : isoOf(m.last)
    }
    if (m.first === undefined) return render()
    // Keep the range across scopes when it still fits; a year by default.
    return state.from === null
      ? applyPreset('365')
      : setRange(state.from, state.to)
  }

  async function start() {
    const index = await fetchJson('histories.json', window.historiesIndex)
    state.index = index
    state.root = index.root || ''
    if (index.histories.length === 0) {
      $('status').textContent = 'No history on this branch yet.'
      return
    }
    const picker = $('scope')
    for (const entry of index.histories)
      picker.add(new Option(entry.label, entry.path))
    const wanted = new URLSearchParams(location.hash.slice(1)).get('scope')
    const first =
      index.histories.find((e) => e.path === wanted) || index.histories[0]
    picker.value = first.path
    await select(first.path)
    // The other histories are only needed for the comparison: after the first paint.
    const failed = []
    await Promise.all(
      index.histories
        .filter((e) => !state.models.has(e.path))
        .map(async (e) => {
          try {
            state.models.set(e.path, model(await loadHistory(e, state.root)))
          } catch (error) {
            failed.push(`${e.label} (${error.message})`)
          }
        })
    )
    if (failed.length)
      $('status').textContent += ` Could not load: ${failed.join('; ')}.`
    await render()
    document.body.dataset.ready = 'true'

    picker.addEventListener('change', () => {
      history.replaceState(
        null,
        '',
        `#scope=${encodeURIComponent(picker.value)}`
      )
      void select(picker.value).catch(showError)
    })
    $('from').addEventListener('change', () => {
      if ($('from').value) setRange(epochDay($('from').value), state.to)
    })
    $('to').addEventListener('change', () => {
      if ($('to').value) setRange(state.from, epochDay($('to').value))
    })
    for (const button of document.querySelectorAll('.presets button'))
      button.addEventListener('click', () => applyPreset(button.dataset.days))
    $('csv').addEventListener('click', () => {
      const m = state.models.get(state.selected)
      const blob = new Blob([csvText(m)], { type: 'text/csv' })
      const link = document.createElement('a')
      link.href = URL.createObjectURL(blob)
      link.download = `copilot-metrics-${state.selected
        .split('/')
        .pop()
        .replace(/\.json$/, '')}-${isoOf(state.from)}-${isoOf(state.to)}.csv`
      document.body.append(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(link.href), 0)
    })
    let resizing = null
    addEventListener('resize', () => {
      clearTimeout(resizing)
      resizing = setTimeout(render, 200)
    })
  }

  function showError(error) {
    $('status').textContent =
      `The dashboard could not load its data: ${error.message}. Serve this folder over http (see docs/dashboard.md); some browsers refuse to read files from disk.`
  }

  start().catch(showError)
})()
