// Draws every [data-chart] with uPlot from the JSON at its data-src: history, the 6-hour
// forecast with its uncertainty band, and the limit line.
/* global document, uPlot, ResizeObserver */
'use strict';

const MiB = 1024 * 1024;

function formatValue(unit, value) {
  if (value === null || value === undefined) return '';
  if (unit === 'bytes')
    return value >= 1024 * MiB
      ? `${(value / (1024 * MiB)).toFixed(1)} GiB`
      : `${Math.round(value / MiB)} MiB`;
  return value >= 1 ? `${value.toFixed(2)} cores` : `${Math.round(value * 1000)}m`;
}

/** One x axis for history and forecast: uPlot wants aligned columns, null where a series has no point. */
function columns(data) {
  const h = data.history;
  const f = data.forecast;
  const n = h.t.length;
  const m = f ? f.t.length : 0;
  const nulls = (k) => new Array(k).fill(null);
  const x = [...h.t, ...(f ? f.t : [])];
  const last = n > 0 ? h.v[n - 1] : null;
  // The forecast lines start at the last sample, so history and forecast join up.
  const joined = (values) => [...nulls(Math.max(0, n - 1)), ...(n > 0 ? [last] : []), ...values];
  const cols = [x, [...h.v, ...nulls(m)]];
  if (f) cols.push(joined(f.value), joined(f.lower), joined(f.upper));
  if (data.limit) cols.push(new Array(x.length).fill(data.limit.value));
  return cols;
}

function seriesOf(data) {
  const fmt = (_u, v) => formatValue(data.unit, v);
  const series = [{}, { label: 'history', stroke: '#2563eb', width: 2, value: fmt }];
  if (data.forecast) {
    series.push(
      { label: 'forecast', stroke: '#9333ea', width: 2, dash: [6, 4], value: fmt },
      { label: 'lower', stroke: 'rgba(147, 51, 234, 0.35)', width: 1, value: fmt },
      { label: 'upper', stroke: 'rgba(147, 51, 234, 0.35)', width: 1, value: fmt },
    );
  }
  if (data.limit)
    series.push({ label: data.limit.label, stroke: '#dc2626', width: 2, dash: [2, 3], value: fmt });
  return series;
}

function draw(container, data) {
  container.textContent = '';
  const options = {
    width: Math.max(280, container.clientWidth),
    height: 320,
    series: seriesOf(data),
    scales: { x: { time: true, min: data.from / 1000, max: data.to / 1000 } },
    axes: [{}, { size: 70, values: (_u, ticks) => ticks.map((v) => formatValue(data.unit, v)) }],
    bands: data.forecast ? [{ series: [4, 3], fill: 'rgba(147, 51, 234, 0.15)' }] : [],
    legend: { show: true },
  };
  const plot = new uPlot(options, columns(data), container);
  container.dataset.chartState = 'drawn';
  container.dataset.points = String(data.history.t.length);
  container.dataset.forecastPoints = String(data.forecast ? data.forecast.t.length : 0);
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver(() =>
      plot.setSize({ width: Math.max(280, container.clientWidth), height: 320 }),
    ).observe(container);
  }
}

function showNotes(container, notes) {
  const list = container.parentElement?.querySelector('[data-chart-notes]');
  if (!list) return;
  list.textContent = '';
  for (const note of notes) {
    const li = document.createElement('li');
    li.textContent = note;
    list.appendChild(li);
  }
}

async function load(container) {
  try {
    const response = await fetch(container.dataset.src, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error ?? `The server answered ${response.status}.`);
    draw(container, data);
    showNotes(container, data.notes ?? []);
  } catch (error) {
    container.dataset.chartState = 'failed';
    container.textContent = `The chart could not be drawn: ${error.message}`;
  }
}

for (const container of document.querySelectorAll('[data-chart]')) load(container);
