// A tiny static file server for the built site, standing in for any static host.
//
// It serves one folder under one mount path ("/" or "/explorer/") on 127.0.0.1 at a free port.
// A request outside the mount gets 404, exactly like a host where the site lives under a
// sub-path: an asset the page asks for by an absolute URL ("/app.js") fails there, so the
// sub-path tests catch any non-relative URL. No rewrites, no SPA fallback: static hosting.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { extname, join, resolve, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type a static host sends for `path`. */
export function mimeType(path) {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Serves `root` under `mount` (which starts and ends with "/").
 * Resolves to { url, origin, requests, close }: `url` is the site's address (origin + mount),
 * `requests` lists every path asked for, with its status, for assertions.
 */
export async function serveStatic(root, { mount = '/' } = {}) {
  if (!mount.startsWith('/') || !mount.endsWith('/')) {
    throw new Error(`mount must start and end with "/": ${mount}`);
  }
  const base = resolve(root);
  const requests = [];

  const server = createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      requests.push({ path: req.url, status });
      res.writeHead(status, { 'cache-control': 'no-store', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, 'method not allowed\n', { allow: 'GET, HEAD' });
      }
      const path = decodeURIComponent(new URL(req.url, 'http://host').pathname);
      // "/explorer" without its slash: redirect like static hosts do, so relative URLs resolve.
      if (mount !== '/' && path === mount.slice(0, -1)) {
        return send(301, '', { location: mount });
      }
      if (!path.startsWith(mount)) {
        return send(404, 'not found (outside the mount)\n', { 'content-type': 'text/plain' });
      }
      let file = resolve(base, '.' + sep + path.slice(mount.length));
      if (file !== base && !file.startsWith(base + sep)) {
        return send(404, 'not found\n', { 'content-type': 'text/plain' });
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        return send(404, 'not found\n', { 'content-type': 'text/plain' });
      }
      // Streamed, not read whole: the benchmark serves bundles of a hundred megabytes and more.
      requests.push({ path: req.url, status: 200 });
      res.writeHead(200, {
        'cache-control': 'no-store',
        'content-type': mimeType(file),
        'content-length': info.size,
      });
      if (req.method === 'HEAD') return res.end();
      return await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), res);
    } catch (error) {
      // A client that goes away mid-stream (a closed page) ends the response, not the server.
      if (res.headersSent) return res.destroy();
      return send(500, `server error: ${error.message}\n`, { 'content-type': 'text/plain' });
    }
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + mount,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
