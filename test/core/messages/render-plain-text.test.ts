import { describe, expect, it } from 'vitest';
import { block, message } from '../../../src/core/messages/build.js';
import type { CoreMessage } from '../../../src/core/messages/core-message.js';
import { renderPlainText } from '../../../src/core/messages/render-plain-text.js';

describe('renderPlainText', () => {
  it('renders every block kind a terminal can show', () => {
    const msg: CoreMessage = {
      title: 'Approval needed',
      severity: 'warning',
      blocks: [
        block.text('Scale web to 3?'),
        block.table(
          ['NAME', 'READY', 'STATUS'],
          [
            ['web-1', '1/1', 'Running'],
            ['checkout-7d9f', '0/1', 'CrashLoopBackOff'],
          ],
          '2 pods',
        ),
        block.code('kubectl scale deploy web --replicas 3', 'shell'),
        block.fields([
          { label: 'Cluster', value: 'demo' },
          { label: 'Requested by', value: 'alice' },
        ]),
        {
          type: 'buttons',
          buttons: [
            { id: 'approval.approve', label: 'Approve', style: 'primary', value: 'apr_1' },
            { id: 'approval.deny', label: 'Deny', style: 'danger', value: 'apr_1' },
          ],
        },
        block.note('expires in 15 min'),
      ],
      image: { png: new Uint8Array([137, 80, 78, 71]), alt: 'memory of web-1 over 6 h' },
    };
    expect(renderPlainText(msg)).toBe(
      [
        '[WARNING] Approval needed',
        'Scale web to 3?',
        'NAME            READY   STATUS\nweb-1           1/1     Running\ncheckout-7d9f   0/1     CrashLoopBackOff\n2 pods',
        'kubectl scale deploy web --replicas 3',
        'Cluster:      demo\nRequested by: alice',
        '[Approve] [Deny]',
        'expires in 15 min',
        '[image: memory of web-1 over 6 h]',
      ].join('\n\n'),
    );
  });

  it('keeps table rows aligned when a cell holds a line break, and shows an empty table as (none)', () => {
    const msg = message('info', [
      block.table(['A', 'B'], [['x\ny', '1']]),
      block.table(['ONLY'], []),
    ]);
    expect(renderPlainText(msg)).toBe('A     B\nx y   1\n\nONLY\n(none)');
  });

  it('pads short rows so every renderer sees as many cells as columns', () => {
    expect(block.table(['A', 'B', 'C'], [['1']]).rows).toEqual([['1', '', '']]);
  });

  it('labels a partial answer', () => {
    const msg: CoreMessage = { severity: 'info', blocks: [block.text('so far')], partial: true };
    expect(renderPlainText(msg)).toBe('(partial answer)\n\nso far');
  });
});
