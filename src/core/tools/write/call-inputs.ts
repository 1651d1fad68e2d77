import { z } from 'zod';
import { clusterInput } from '../read/inputs.js';

/**
 * Fields every write tool shows MCP clients and the LLM. The registry takes both out of the
 * arguments before validating, so they never become part of the call an approval is for.
 */
export const callInputs = {
  cluster: clusterInput,
  approvalId: z
    .string()
    .optional()
    .describe(
      'The id of an approved approval request for exactly this call (same arguments and cluster). ' +
        'Omit it first: the answer is a new approval request id to have approved.',
    ),
};
