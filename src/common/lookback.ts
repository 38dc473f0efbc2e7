// How far back the reports look from the newest stored day. They live here,
// at the bottom, because the history stage reads only the monthly shards
// these windows need (history/shard-selection.ts) while the trend and the
// summary, above it, draw them.

/** Calendar months in the monthly trend. */
export const TREND_MONTHS = 12

/** The daily chart covers the last 28 days: day numbers cannot repeat, and 28 labels fit side by side. */
export const DAILY_CHART_DAYS = 28
