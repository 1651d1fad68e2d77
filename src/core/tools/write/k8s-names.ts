import { z } from 'zod';

// Kubernetes object names, checked before any request so a typo gets a clear answer, not a 400.
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export const namespaceName = z
  .string()
  .max(63)
  .regex(dnsLabel, 'a namespace is lower-case letters, digits and -, such as `shop`');

export const podName = z
  .string()
  .max(253)
  .regex(
    dnsSubdomain,
    'a pod name is lower-case letters, digits, - and ., such as `web-7d4b9-x2k`',
  );

export const containerName = z
  .string()
  .max(63)
  .regex(dnsLabel, 'a container name is lower-case letters, digits and -');
