import { h, svg } from './dom.js';

/**
 * Hand-written SVG charts: no library to serve, nothing from a CDN. Colours come from CSS classes
 * (series-0 … series-7), so the page needs no inline styles under a strict CSP. Every chart has a
 * <title> per mark (hover) and is drawn next to a table of the same numbers, which is what screen
 * readers and tests read.
 */

const WIDTH = 640;
const PAD = { top: 12, right: 12, bottom: 28, left: 48 };
const SERIES_CLASSES = 8;

export const seriesClass = (index) => `series-${index % SERIES_CLASSES}`;

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten, at least `max`. */
export function niceMax(max) {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((bound) => bound >= max);
}

function legend(names, classes = names.map((_, index) => seriesClass(index))) {
  return h(
    'ul',
    { class: 'legend' },
    names.map((name, index) =>
      h(
        'li',
        {},
        svg(
          'svg',
          { width: 10, height: 10, 'aria-hidden': 'true' },
          svg('rect', { width: 10, height: 10, class: classes[index] }),
        ),
        ` ${name}`,
      ),
    ),
  );
}

/** Gridlines at 0, the middle (when it is a whole number: counts have no half users) and the top. */
function yAxis(top, height, max, format) {
  const fractions = Number.isInteger(max / 2) ? [0, 0.5, 1] : [0, 1];
  return fractions.map((fraction) => {
    const y = top + height - fraction * height;
    return svg(
      'g',
      { class: 'tick' },
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y }),
      svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end' }, format(max * fraction)),
    );
  });
}

/**
 * Vertical bars, one per category, stacked by series: interactions per day by intent or tier.
 * series: [{name, values: number[] (one per category)}].
 */
export function stackedBars({
  title,
  categories,
  series,
  format = String,
  height = 220,
  labelOf = (category) => category.slice(5),
}) {
  const plotHeight = height - PAD.top - PAD.bottom;
  const totals = categories.map((_, index) =>
    series.reduce((sum, each) => sum + (each.values[index] ?? 0), 0),
  );
  const max = niceMax(Math.max(0, ...totals));
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, categories.length);
  const barWidth = Math.max(2, Math.min(40, slot * 0.7));
  const labelEvery = Math.ceil(categories.length / 10);
  const bars = categories.map((category, index) => {
    const x = PAD.left + slot * index + (slot - barWidth) / 2;
    let y = PAD.top + plotHeight;
    const marks = series.map((each, seriesIndex) => {
      const value = each.values[index] ?? 0;
      const barHeight = (value / max) * plotHeight;
      y -= barHeight;
      return value
        ? svg(
            'rect',
            { x, y, width: barWidth, height: barHeight, class: seriesClass(seriesIndex) },
            svg('title', {}, `${category} · ${each.name}: ${format(value)}`),
          )
        : null;
    });
    const label =
      index % labelEvery === 0
        ? svg(
            'text',
            { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle', class: 'category' },
            labelOf(category),
          )
        : null;
    return svg('g', {}, marks, label);
  });
  return h(
    'figure',
    { class: 'chart' },
    svg(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title },
      yAxis(PAD.top, plotHeight, max, format),
      bars,
    ),
    legend(series.map((each) => each.name)),
  );
}

/**
 * Horizontal bars grouped by row: revenue vs LLM cost per tier, cost per user vs price.
 * rows: [{label, values: number[] (one per series name)}].
 */
export function groupedBars({ title, names, rows, format = String }) {
  const barHeight = 14;
  const groupHeight = barHeight * names.length + 12;
  const labelWidth = 110;
  const height = Math.max(1, rows.length) * groupHeight + 8;
  const max = niceMax(Math.max(0, ...rows.flatMap((row) => row.values)));
  const span = WIDTH - labelWidth - 90;
  const groups = rows.map((row, rowIndex) => {
    const top = 4 + rowIndex * groupHeight;
    return svg(
      'g',
      {},
      svg(
        'text',
        { x: labelWidth - 8, y: top + (barHeight * names.length) / 2 + 4, 'text-anchor': 'end' },
        row.label,
      ),
      row.values.map((value, index) => {
        const y = top + index * barHeight;
        const width = Math.max(value > 0 ? 1 : 0, (value / max) * span);
        return svg(
          'g',
          {},
          svg(
            'rect',
            { x: labelWidth, y, width, height: barHeight - 2, class: seriesClass(index) },
            svg('title', {}, `${row.label} · ${names[index]}: ${format(value)}`),
          ),
          svg('text', { x: labelWidth + width + 4, y: y + barHeight - 4, class: 'value' }, format(value)),
        );
      }),
    );
  });
  return h(
    'figure',
    { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title }, groups),
    legend(names),
  );
}

/** One 100% bar split into parts: the share of each kind of request. parts: [{name, value}]. */
export function shareBar({ title, parts, format = String }) {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  const height = 36;
  let x = 0;
  const marks = parts.map((part, index) => {
    const width = total ? (part.value / total) * WIDTH : 0;
    const mark = svg(
      'rect',
      { x, y: 0, width, height, class: seriesClass(index) },
      svg('title', {}, `${part.name}: ${format(part.value)}`),
    );
    x += width;
    return mark;
  });
  return h(
    'figure',
    { class: 'chart' },
    svg(
      'svg',
      { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title, class: 'share' },
      marks,
    ),
    legend(parts.map((part) => `${part.name} ${format(part.value)}`)),
  );
}

/**
 * Vertical bars per category with some series stacked above the axis and others below it: MRR
 * movements per month (new, expansion, reactivation up; contraction, churned down). Values are
 * positive; `down` series are drawn downwards. Each mark carries data-series and data-value, so a
 * test can check that heights follow the numbers.
 */
export function divergingBars({ title, categories, up, down, format = String, height = 240 }) {
  const sums = (series) =>
    categories.map((_, index) => series.reduce((sum, each) => sum + Math.max(0, each.values[index] ?? 0), 0));
  const max = niceMax(Math.max(0, ...sums(up), ...sums(down)));
  const plotHeight = height - PAD.top - PAD.bottom;
  const half = plotHeight / 2;
  const axis = PAD.top + half;
  const slot = (WIDTH - PAD.left - PAD.right) / Math.max(1, categories.length);
  const barWidth = Math.max(2, Math.min(56, slot * 0.6));
  const all = [...up, ...down];
  const bars = categories.map((category, index) => {
    const x = PAD.left + slot * index + (slot - barWidth) / 2;
    const stack = (series, direction, offset) => {
      let edge = axis;
      return series.map((each, seriesIndex) => {
        const value = Math.max(0, each.values[index] ?? 0);
        const barHeight = (value / max) * half;
        const y = direction > 0 ? edge - barHeight : edge;
        edge = direction > 0 ? edge - barHeight : edge + barHeight;
        if (!value) return null;
        return svg(
          'rect',
          {
            x,
            y,
            width: barWidth,
            height: barHeight,
            class: each.class ?? seriesClass(offset + seriesIndex),
            'data-category': category,
            'data-series': each.name,
            'data-value': value,
          },
          svg('title', {}, `${category} · ${each.name}: ${format(direction > 0 ? value : -value)}`),
        );
      });
    };
    return svg(
      'g',
      {},
      stack(up, 1, 0),
      stack(down, -1, up.length),
      svg(
        'text',
        { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle', class: 'category' },
        category,
      ),
    );
  });
  const ticks = [
    [PAD.top, format(max)],
    [axis, format(0)],
    [PAD.top + plotHeight, format(-max)],
  ].map(([y, label]) =>
    svg(
      'g',
      { class: 'tick' },
      svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y, y2: y }),
      svg('text', { x: PAD.left - 6, y: y + 4, 'text-anchor': 'end' }, label),
    ),
  );
  return h(
    'figure',
    { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title }, ticks, bars),
    legend(
      all.map((each) => each.name),
      all.map((each, index) => each.class ?? seriesClass(index)),
    ),
  );
}

/**
 * A funnel: one horizontal bar per step, its length proportional to its count, labelled with the
 * count and its share of the first step. steps: [{name, value}].
 */
export function funnelBars({ title, steps, format = String }) {
  const barHeight = 22;
  const labelWidth = 170;
  const span = WIDTH - labelWidth - 110;
  const first = steps[0]?.value ?? 0;
  const max = Math.max(1, ...steps.map((step) => step.value));
  const height = steps.length * (barHeight + 6) + 4;
  const rows = steps.map((step, index) => {
    const y = 2 + index * (barHeight + 6);
    const width = (step.value / max) * span;
    const share = first ? ` (${((step.value / first) * 100).toFixed(1)}%)` : '';
    return svg(
      'g',
      {},
      svg('text', { x: labelWidth - 8, y: y + barHeight / 2 + 4, 'text-anchor': 'end' }, step.name),
      svg(
        'rect',
        {
          x: labelWidth,
          y,
          width,
          height: barHeight,
          class: seriesClass(0),
          'data-series': step.name,
          'data-value': step.value,
        },
        svg('title', {}, `${step.name}: ${format(step.value)}${share}`),
      ),
      svg(
        'text',
        { x: labelWidth + width + 4, y: y + barHeight / 2 + 4, class: 'value' },
        `${format(step.value)}${index ? share : ''}`,
      ),
    );
  });
  return h(
    'figure',
    { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': title }, rows),
  );
}
