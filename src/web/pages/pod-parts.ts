import { badge, pathOf, type Tone } from '../html/format.js';
import { html, type SafeHtml } from '../html/html.js';

/** `/pods/CLUSTER/NAMESPACE/NAME`, every part encoded. */
export function podPath(cluster: string, namespace: string, name: string): string {
  return pathOf('pods', cluster, namespace, name);
}

export function podLink(
  cluster: string,
  namespace: string,
  name: string,
  withNamespace = true,
): SafeHtml {
  return html`<a href="${podPath(cluster, namespace, name)}"
    >${withNamespace ? `${namespace}/` : ''}${name}</a
  >`;
}

/** A pod STATUS as a coloured badge: failing red, not ready amber, fine green. */
export function statusBadge(status: string, severity: 0 | 1 | 2): SafeHtml {
  const tone: Tone =
    severity === 2 ? 'bad' : severity === 1 ? 'warn' : status === 'Completed' ? 'muted' : 'ok';
  return badge(status, tone);
}
