import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const ownFiles = ['app.css', 'app.js', 'chart.js', 'chat.js'];
const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
};

/**
 * `/static/*`: our scripts and styles plus uPlot, read once at start (a few kB each). Only these
 * names are served: no path from the URL ever reaches the file system.
 */
export function staticAssets(dir: string = staticDir()): Router {
  const require = createRequire(import.meta.url);
  const files = new Map<string, string>(ownFiles.map((f) => [f, join(dir, f)]));
  files.set('uPlot.iife.min.js', require.resolve('uplot/dist/uPlot.iife.min.js'));
  files.set('uPlot.min.css', require.resolve('uplot/dist/uPlot.min.css'));
  const assets = new Map<string, Asset>();
  for (const [name, path] of files) {
    const body = readFileSync(path);
    const type = types[name.slice(name.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
    assets.set(name, {
      body,
      type,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
    });
  }
  const router = Router();
  router.get('/static/:file', (req, res, next) => {
    const asset = assets.get(req.params.file as string);
    if (!asset) return next();
    res.setHeader('Content-Type', asset.type);
    res.setHeader('ETag', asset.etag);
    res.setHeader('Cache-Control', 'no-cache');
    if (req.headers['if-none-match'] === asset.etag) {
      res.status(304).end();
      return;
    }
    res.send(asset.body);
  });
  return router;
}

/** `static/` beside this module's folder (a build may copy it to dist/web/), else src/web/static. */
export function staticDir(from: string = import.meta.dirname): string {
  const beside = join(from, '..', 'static');
  if (existsSync(join(beside, 'app.css'))) return beside;
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'src', 'web', 'static');
    if (existsSync(join(candidate, 'app.css'))) return candidate;
  }
  throw new Error('cannot find the dashboard static files (src/web/static)');
}
