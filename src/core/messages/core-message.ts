/**
 * The platform-neutral reply model. Every surface (Slack, Discord, the dashboard, the terminal)
 * renders these blocks; none of them carries platform markup. Text may contain `code spans`
 * in backticks only, which every target renders natively.
 */

/** How serious the message is; renderers map it to a colour or an icon. */
export type Severity = 'info' | 'success' | 'warning' | 'error' | 'critical';

export interface TextBlock {
  type: 'text';
  text: string;
  /** `heading` for a section title, `note` for de-emphasised context such as footers. */
  style?: 'plain' | 'heading' | 'note';
}

export interface TableBlock {
  type: 'table';
  columns: string[];
  /** Every row has exactly `columns.length` cells. */
  rows: string[][];
  /** Said below the table, e.g. "12 more pods; ask with --continue". */
  caption?: string;
}

export interface CodeBlock {
  type: 'code';
  text: string;
  /** A hint for syntax highlighting (`yaml`, `json`, `log`, `text`). */
  language?: string;
}

export interface Field {
  label: string;
  value: string;
}

export interface FieldsBlock {
  type: 'fields';
  fields: Field[];
}

export type ButtonStyle = 'primary' | 'danger' | 'default';

export interface Button {
  /** The action id the platform sends back on a click, e.g. `approval.approve`. */
  id: string;
  label: string;
  style: ButtonStyle;
  /** The payload sent back with the click, e.g. the approval request id. */
  value: string;
}

export interface ButtonsBlock {
  type: 'buttons';
  buttons: Button[];
}

export type Block = TextBlock | TableBlock | CodeBlock | FieldsBlock | ButtonsBlock;

export interface MessageImage {
  /** PNG bytes; renderers upload it as a file or attachment. */
  png: Uint8Array;
  alt: string;
  filename?: string;
}

export interface CoreMessage {
  title?: string;
  severity: Severity;
  blocks: Block[];
  image?: MessageImage;
  /** Set on an approval card, so an adapter can update the card after the decision. */
  approvalId?: string;
  /** True when an answer is incomplete (step limit or token budget reached). */
  partial?: boolean;
}

/** Button action ids the agent understands when a platform sends a click back. */
export const approvalActions = {
  approve: 'approval.approve',
  deny: 'approval.deny',
} as const;
