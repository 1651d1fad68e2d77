import { describe, expect, it } from 'vitest';
import { normalizeHtml } from '../support/normalize-html.js';
import { escapeHtml, html, joinHtml, SafeHtml } from '../../../src/web/html/html.js';

describe('html', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['" onmouseover="x', '&quot; onmouseover=&quot;x'],
    ["' autofocus onfocus='x", '&#39; autofocus onfocus=&#39;x'],
    ['a & b', 'a &amp; b'],
    ['`${x}`', '&#96;${x}&#96;'],
    ['&lt;already&gt;', '&amp;lt;already&amp;gt;'],
  ])('escapes %j in text and attributes', (value, escaped) => {
    expect(html`<td title="${value}">${value}</td>`.value).toBe(
      `<td title="${escaped}">${escaped}</td>`,
    );
  });

  it('inserts nested templates as markup, and escapes every item of a list', () => {
    const names = ['web-1', '<b>evil</b>'];
    const rows = names.map((n) => html`<li>${n}</li>`);
    expect(
      normalizeHtml(
        html`<ul>
          ${rows}
        </ul>`.value,
      ),
    ).toBe('<ul><li>web-1</li><li>&lt;b&gt;evil&lt;/b&gt;</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`${null}${undefined}${false}${0}${3.5}${true}`.value).toBe('03.5true');
  });

  it('never trusts an object that only looks like markup', () => {
    const fake = { value: '<script>x</script>', toString: () => '<script>x</script>' };
    expect(html`${fake as unknown as string}`.value).toBe('&lt;script&gt;x&lt;/script&gt;');
    expect(html`${new SafeHtml('<br>')}`.value).toBe('<br>');
  });

  it('escapes the separator of joinHtml too', () => {
    expect(joinHtml(['a', html`<i>b</i>`], ' <&> ').value).toBe('a &lt;&amp;&gt; <i>b</i>');
    expect(escapeHtml('plain')).toBe('plain');
  });
});
