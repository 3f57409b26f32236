#!/usr/bin/env node
// base-path-proxy.js: puts Prism's mock where a client looks for the portal.
//
// The contract's servers are ".../api/v1"; Prism ignores a server's path
// and serves every operation at its bare path (/account, not
// /api/v1/account), by design (Prism's FAQ: put a reverse proxy in front).
// This is that proxy, on loopback:
//
//   /api/v1/<rest>                  -> upstream /<rest>
//   /prefer/<value>/api/v1/<rest>   -> upstream /<rest> with "Prefer: <value>"
//
// The second form lets a client that cannot send Prefer (LtPortalClient
// never does) ask Prism for another documented answer: a client whose
// portal URL is http://127.0.0.1:PORT/prefer/code=503 gets the 503 of
// every operation. Anything else is a 404 from the proxy itself, named as
// such, so a wrong base path in a client is not mistaken for Prism's
// answer. Requests and bodies are passed on untouched otherwise.
//
// Usage: node base-path-proxy.js LISTEN_PORT UPSTREAM_PORT
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const http = require('http');

const listenPort = Number(process.argv[2]);
const upstreamPort = Number(process.argv[3]);
if (!Number.isInteger(listenPort) || !Number.isInteger(upstreamPort)) {
  console.error('usage: base-path-proxy.js LISTEN_PORT UPSTREAM_PORT');
  process.exit(2);
}

const route = /^(?:\/prefer\/([^/?]+))?\/api\/v1(\/[^?]*)?(\?.*)?$/;

// Keeps connections to Prism open between requests, as a real portal's
// front end would; a client's keep-alive is its own business.
const agent = new http.Agent({ keepAlive: true });

const server = http.createServer((req, res) => {
  const match = route.exec(req.url);
  if (!match) {
    console.log(`proxy: 404 ${req.method} ${req.url} (not under /api/v1)`);
    const body = JSON.stringify({
      error: { code: 'not_found', message: `base-path-proxy: ${req.url} is not under /api/v1` },
    });
    res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
    return;
  }

  const headers = { ...req.headers, host: `127.0.0.1:${upstreamPort}` };
  if (match[1] !== undefined)
    headers.prefer = decodeURIComponent(match[1]);
  const path = (match[2] || '/') + (match[3] || '');
  console.log(`proxy: ${req.method} ${req.url} -> ${path}` +
              (headers.prefer ? ` (Prefer: ${headers.prefer})` : ''));

  const upstream = http.request({
    host: '127.0.0.1',
    port: upstreamPort,
    method: req.method,
    path,
    headers,
    agent,
  }, answer => {
    res.writeHead(answer.statusCode, answer.statusMessage, answer.rawHeaders);
    answer.pipe(res);
  });
  upstream.on('error', err => {
    console.log(`proxy: ${req.method} ${req.url}: ${err.message}`);
    if (!res.headersSent)
      res.writeHead(502, { 'Content-Type': 'text/plain' });
    res.end(`base-path-proxy: ${err.message}\n`);
  });
  req.pipe(upstream);
});

server.listen(listenPort, '127.0.0.1');
