import { formatDuration } from '../../core/tools/render/age.js';
import { html, type HtmlValue, type SafeHtml } from './html.js';

/** `2025-03-03 09:00:05 UTC`: one time zone for everyone reading the same incident. */
export function utc(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** A time with the age beside it, the exact time on hover. */
export function ago(ms: number | undefined, now: number): SafeHtml {
  if (ms === undefined) return html`-`;
  return html`<time datetime="${new Date(ms).toISOString()}" title="${utc(ms)}"
    >${formatDuration(now - ms)} ago</time
  >`;
}

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

export function badge(text: string, tone: Tone): SafeHtml {
  return html`<span class="badge badge-${tone}">${text}</span>`;
}

/** A table that scrolls sideways on a phone instead of widening the page. */
export function table(
  headers: HtmlValue[],
  rows: HtmlValue[][],
  options: { empty?: string; caption?: HtmlValue; id?: string } = {},
): SafeHtml {
  if (rows.length === 0) return html`<p class="empty">${options.empty ?? 'Nothing to show.'}</p>`;
  return html`<div class="table-wrap"><table${options.id ? html` id="${options.id}"` : ''}>
${
  options.caption
    ? html`<caption>
        ${options.caption}
      </caption>`
    : ''
}
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr>
        ${r.map((c) => html`<td>${c}</td>`)}
      </tr>`,
  )}</tbody>
</table></div>`;
}

/** A link to a path we build from parts: each part is URL-encoded. */
export function pathOf(...parts: string[]): string {
  return `/${parts.map(encodeURIComponent).join('/')}`;
}

/** `/workloads?namespace=shop`: query built from defined values only. */
export function withQuery(
  path: string,
  query: Record<string, string | number | undefined>,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** `<select>` options with the current one selected. */
export function options(
  values: Array<string | [string, string]>,
  selected: string | undefined,
): SafeHtml[] {
  return values.map((v) => {
    const [value, label] = Array.isArray(v) ? v : [v, v];
    return html`<option value="${value}" ${value === selected ? html` selected` : ''}>
      ${label}
    </option>`;
  });
}
