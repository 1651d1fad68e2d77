/** Tokens are estimated as characters / 4, the same rule the benchmarks use. */
export const charsPerToken = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / charsPerToken);
}

/** Room kept for the note that says what was left out. */
const noteRoom = 260;

/**
 * Last line of defence for the output budget: tools render within it themselves (problems first),
 * and anything still too long is cut at a line boundary with a note saying how to get the rest.
 */
export function fitToBudget(text: string, budgetTokens: number, maxBudgetTokens: number): string {
  const limit = budgetTokens * charsPerToken;
  if (text.length <= limit) return text;
  const room = Math.max(limit - noteRoom, 0);
  let cut = text.lastIndexOf('\n', room);
  // One enormous line (a JSON blob): keep its head rather than nothing.
  if (cut <= 0) cut = room;
  const kept = text.slice(0, cut);
  const leftLines = text
    .slice(cut)
    .split('\n')
    .filter((l) => l.length > 0).length;
  const more =
    budgetTokens < maxBudgetTokens
      ? ` or ask for a larger budget (budgetTokens up to ${maxBudgetTokens})`
      : '';
  return (
    `${kept}\n… ${leftLines} more line${leftLines === 1 ? '' : 's'} (~${estimateTokens(text.slice(cut))} tokens) ` +
    `left out to fit ${budgetTokens} tokens; narrow the request (namespace, selectors, limit/continue, tailLines)${more}.`
  );
}
