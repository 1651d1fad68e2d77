import type { Logger } from '../../log/logger.js';
import type { Evidence, Finding } from '../alert.js';

/**
 * A finding's evidence, or none when gathering fails or takes longer than `timeoutMs`: an
 * incident opens on time without its log lines rather than late with them.
 */
export async function gatherWithin(
  finding: Finding,
  timeoutMs: number,
  logger?: Logger,
): Promise<Evidence | undefined> {
  if (!finding.gatherEvidence) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      finding.gatherEvidence(),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      }),
    ]);
  } catch (error) {
    logger?.warn({ err: error, reason: finding.reason }, 'could not gather alert evidence');
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
