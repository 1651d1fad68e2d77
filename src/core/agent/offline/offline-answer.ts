import { block, message } from '../../messages/build.js';
import type { CoreMessage } from '../../messages/core-message.js';
import type { CommandContext } from '../command-context.js';
import { findIntent, intents, lazyWorkloads } from './intents.js';

export const aiOffNote =
  'AI answers are off (no Anthropic API key), so this came from the built-in question router. ' +
  'To turn them on, set ANTHROPIC_API_KEY (or anthropic.apiKey in ai4k8s.yaml) and restart.';

/**
 * Answers a plain-language question without a model: the matching intent's tool calls, a line
 * on what was looked at, the direct commands that do the same, and `note` (why no AI).
 */
export async function answerOffline(
  ctx: CommandContext,
  question: string,
  note: string = aiOffNote,
): Promise<CoreMessage[]> {
  const intent = findIntent(question);
  if (!intent) {
    const examples = ['failures', 'health', 'memory', 'pending', 'degraded-deployments', 'logs']
      .map((id) => intents.find((i) => i.id === id)?.example)
      .filter(Boolean)
      .map((e) => `“${e}”`)
      .join(', ');
    return [
      message(
        'info',
        [
          block.text(
            `I could not map this question to a check. Questions I understand include ${examples}.`,
          ),
          block.text(
            'Or use a direct command: `pods --problems`, `logs POD --previous`, `top`, `deployments`, `cluster`; `help` lists them all.',
          ),
          block.note(note),
        ],
        'Not understood',
      ),
    ];
  }
  const run = await intent.run(ctx, question, lazyWorkloads(ctx));
  const header = message(
    'info',
    [
      block.text(run.summary),
      block.text(`Same as: ${run.commands.map((c) => `\`${c}\``).join(', ')}`),
      block.note(note),
    ],
    'Offline answer',
  );
  return [header, ...run.messages];
}

/** Direct commands for a question, without touching the cluster (for "AI is unavailable" replies). */
export function suggestCommands(question: string): string[] {
  return findIntent(question)?.commands ?? ['pods --problems', 'help'];
}
