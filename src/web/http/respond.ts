import type { Request, Response } from 'express';
import type { SafeHtml } from '../html/html.js';

/** Marks when the request reached the dashboard, for the Server-Timing header. */
export function markStart(res: Response): void {
  res.locals.startedAt = process.hrtime.bigint();
}

function serverTiming(res: Response): void {
  const started = res.locals.startedAt as bigint | undefined;
  if (started === undefined) return;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  res.setHeader('Server-Timing', `app;dur=${ms.toFixed(2)}`);
}

/** Pages hold cluster state and tokens: never cached, by the browser or a proxy. */
export function sendPage(res: Response, body: SafeHtml, status = 200): void {
  serverTiming(res);
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.send(body.value);
}

export function sendJson(res: Response, body: unknown, status = 200): void {
  serverTiming(res);
  res.status(status);
  res.setHeader('Cache-Control', 'no-store');
  res.json(body);
}

/** POST-redirect-GET: 303 so a reload does not repeat the action. */
export function redirect(res: Response, path: string): void {
  res.redirect(303, path);
}

/** A query parameter as one string, or undefined (arrays and overlong values are refused). */
export function queryText(req: Request, name: string, max = 300): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text === '' || text.length > max ? undefined : text;
}

/** A form field as one string ('' when absent). */
export function formText(req: Request, name: string, max = 10_000): string {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** True when the caller wants JSON back (the chat console's fetch, the chart). */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || (req.headers.accept ?? '').startsWith('application/json');
}
