import { z } from 'zod';

// Input fields shared by the read tools, described for an LLM and an MCP client.

export const clusterInput = z
  .string()
  .min(1)
  .optional()
  .describe('Name of the cluster to ask; omit to use the default cluster.');

export const namespaceInput = z
  .string()
  .min(1)
  .max(253)
  .optional()
  .describe('Only this namespace; omit for all namespaces.');

export const labelSelectorInput = z
  .string()
  .max(1000)
  .optional()
  .describe('kubectl label selector, e.g. "app=web,tier!=cache" or "env in (prod,staging)".');

export const problemsOnlyInput = z
  .boolean()
  .optional()
  .describe('true: only what is failing or not ready.');

export const limitInput = z
  .number()
  .int()
  .min(1)
  .max(5000)
  .optional()
  .describe('Rows per page in the structured data (default 500). The text shows as many as fit.');

export const continueInput = z
  .string()
  .max(200)
  .optional()
  .describe(
    'The continue token from a previous answer with the same filters, to get the next rows.',
  );

export const defaultLimit = 500;
