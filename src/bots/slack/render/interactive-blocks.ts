import type { ActionsBlock, KnownBlock, SectionBlock, SlackButton } from './block-kit.js';
import type { Button, Field } from '../../../core/messages/index.js';
import { slackLimits } from './limits.js';
import { cutEscaped, escapeMrkdwn, fitPlain } from './mrkdwn.js';
import { context } from './text-blocks.js';

/** Label/value pairs as section fields, ten to a section. */
export function renderFields(fields: Field[]): KnownBlock[] {
  const blocks: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += slackLimits.fieldsPerSection) {
    const chunk = fields.slice(i, i + slackLimits.fieldsPerSection);
    blocks.push({
      type: 'section',
      fields: chunk.map((f) => ({
        type: 'mrkdwn',
        text: cutEscaped(
          `*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value || '-')}`,
          slackLimits.fieldText,
        ),
      })),
    });
  }
  return blocks;
}

/**
 * Buttons as actions blocks. A button whose value does not fit is left out with a note rather
 * than sent with a cut value, which would act on the wrong thing.
 */
export function renderButtons(buttons: Button[]): KnownBlock[] {
  const usable = buttons.filter(
    (b) => b.value.length <= slackLimits.buttonValue && b.id.length <= slackLimits.actionId,
  );
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < usable.length; i += slackLimits.actionsElements) {
    const elements = usable.slice(i, i + slackLimits.actionsElements).map(toSlackButton);
    blocks.push({ type: 'actions', elements } satisfies ActionsBlock);
  }
  const dropped = buttons.length - usable.length;
  if (dropped > 0)
    blocks.push(context(`${dropped} button(s) left out: their data does not fit a Slack button.`));
  return blocks;
}

function toSlackButton(b: Button): SlackButton {
  const button: SlackButton = {
    type: 'button',
    action_id: b.id,
    text: { type: 'plain_text', text: fitPlain(b.label, slackLimits.buttonText), emoji: true },
    value: b.value,
  };
  if (b.style === 'primary' || b.style === 'danger') button.style = b.style;
  return button;
}
