import { html, type Html } from "./html.js";

/**
 * Bar charts as inline SVG, drawn on the server: no script, no library, printable, and
 * readable without colour (every bar has its number; every chart a title and description).
 * Colours are SVG attributes, not inline styles (the content security policy forbids those).
 */
/** `id` names the chart's title and description for aria-labelledby: unique on the page. */
type ChartOptions = { id: string; title: string; description: string; bars: Bar[]; format?: (n: number) => string };

export type Bar = { label: string; value: number; /** Longer text for the bar's tooltip and screen readers. */ title?: string };

const INK = "#1b1f24";
const MUTED = "#5b6470";
const BAR = "#0b5cad";
const LINE = "#d7dce2";

/** A round step for the value axis (1, 2, 5 × 10^n) giving about four gridlines. */
function niceStep(max: number): number {
  if (max <= 4) return 1;
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Vertical bars (e.g. tips per week), labels under the bars, at most ~12 of them shown. */
export function columnChart(opts: ChartOptions): Html {
  const fmt = opts.format ?? String;
  const W = 960, H = 260, left = 44, right = 8, top = 16, bottom = 40;
  const plotW = W - left - right, plotH = H - top - bottom;
  const n = Math.max(1, opts.bars.length);
  const max = Math.max(1, ...opts.bars.map((b) => b.value));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const slot = plotW / n;
  const barW = Math.max(2, slot * 0.7);
  const labelEvery = Math.ceil(n / 12);
  const y = (v: number) => top + plotH - (v / ceiling) * plotH;
  const ticks: number[] = [];
  for (let v = 0; v <= ceiling; v += step) ticks.push(v);
  const titleId = `${opts.id}-title`, descId = `${opts.id}-desc`;
  return html`<svg class="chart" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${W} ${H}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="11">
<title id="${titleId}">${opts.title}</title>
<desc id="${descId}">${opts.description}</desc>
${ticks.map((v) => html`<line x1="${left}" x2="${W - right}" y1="${r1(y(v))}" y2="${r1(y(v))}" stroke="${LINE}"/><text x="${left - 6}" y="${r1(y(v) + 4)}" text-anchor="end" fill="${MUTED}">${fmt(v)}</text>`)}
${opts.bars.map((b, i) => {
  const x = left + i * slot + (slot - barW) / 2;
  const cx = r1(x + barW / 2);
  return html`<g data-label="${b.label}" data-value="${b.value}"><title>${b.title ?? b.label}: ${fmt(b.value)}</title>
<rect x="${r1(x)}" y="${r1(y(b.value))}" width="${r1(barW)}" height="${r1(top + plotH - y(b.value))}" fill="${BAR}"/>
${b.value > 0 && n <= 26 ? html`<text x="${cx}" y="${r1(y(b.value) - 3)}" text-anchor="middle" fill="${INK}">${fmt(b.value)}</text>` : ""}
${i % labelEvery === 0 ? html`<text x="${cx}" y="${H - bottom + 14}" text-anchor="middle" fill="${MUTED}">${b.label}</text>` : ""}</g>`;
})}
<line x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="${MUTED}"/>
</svg>`;
}

/** Horizontal bars (e.g. tips by category), one row each, label on the left and number at the end. */
export function barChart(opts: ChartOptions): Html {
  const fmt = opts.format ?? String;
  const row = 26, labelW = 200, W = 960, right = 56, top = 6;
  const H = top * 2 + Math.max(1, opts.bars.length) * row;
  const max = Math.max(1, ...opts.bars.map((b) => b.value));
  const plotW = W - labelW - right;
  const titleId = `${opts.id}-title`, descId = `${opts.id}-desc`;
  return html`<svg class="chart" role="img" aria-labelledby="${titleId} ${descId}" viewBox="0 0 ${W} ${H}" width="100%" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif" font-size="13">
<title id="${titleId}">${opts.title}</title>
<desc id="${descId}">${opts.description}</desc>
${opts.bars.map((b, i) => {
  const y = top + i * row;
  const w = r1((b.value / max) * plotW);
  return html`<g data-label="${b.label}" data-value="${b.value}"><title>${b.title ?? b.label}: ${fmt(b.value)}</title>
<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" fill="${INK}">${b.label}</text>
<rect x="${labelW}" y="${y + 4}" width="${Math.max(w, b.value > 0 ? 2 : 0)}" height="${row - 8}" fill="${BAR}"/>
<text x="${labelW + w + 6}" y="${y + 17}" fill="${INK}">${fmt(b.value)}</text></g>`;
})}
<line x1="${labelW}" x2="${labelW}" y1="${top}" y2="${H - top}" stroke="${MUTED}"/>
</svg>`;
}
