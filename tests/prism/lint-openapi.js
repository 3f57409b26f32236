#!/usr/bin/env node
// lint-openapi.js: checks data/portal-api.yaml
//
// 1. It is a valid OpenAPI 3.0 document with every $ref resolving
//    (swagger-parser validates against the official schema).
// 2. It keeps the contract's own conventions, which no generic linter knows:
//    every operation has an operationId and declares 401, 429, 500 and 503
//    (any request may meet a bad token, a rate limit or maintenance), 429
//    and 503 carry Retry-After, every POST takes the Idempotency-Key header
//    and declares the 200 of a replayed key, every 4xx/5xx body is Error.
//
// Usage: node lint-openapi.js data/portal-api.yaml
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const path = require('path');
const SwaggerParser = require('@apidevtools/swagger-parser');

async function main () {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: lint-openapi.js FILE');
    process.exit(2);
  }

  // validate() dereferences the document it returns; keep a parsed copy
  // with the $refs for the convention checks.
  const raw = await SwaggerParser.parse(path.resolve(file));
  const api = await SwaggerParser.validate(path.resolve(file));
  const problems = [];

  const idempotencyRef = '#/components/parameters/IdempotencyKey';
  for (const [route, item] of Object.entries(api.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op)
        continue;
      const where = `${method.toUpperCase()} ${route}`;
      const rawOp = raw.paths[route][method];

      if (!op.operationId)
        problems.push(`${where}: no operationId`);
      for (const status of ['401', '429', '500', '503']) {
        if (!op.responses[status])
          problems.push(`${where}: does not declare ${status}`);
      }
      for (const status of ['429', '503']) {
        const r = op.responses[status];
        if (r && !(r.headers && r.headers['Retry-After']))
          problems.push(`${where}: ${status} without Retry-After`);
      }
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) < 400)
          continue;
        const schema = r.content && r.content['application/json'] &&
                       r.content['application/json'].schema;
        if (!schema || !schema.properties || !schema.properties.error)
          problems.push(`${where}: ${status} body is not the Error schema`);
      }
      if (method === 'post') {
        const params = (rawOp.parameters || []).map(p => p.$ref);
        if (!params.includes(idempotencyRef))
          problems.push(`${where}: no Idempotency-Key parameter`);
        if (!op.responses['200'])
          problems.push(`${where}: no 200 for a replayed Idempotency-Key`);
        if (!op.responses['409'])
          problems.push(`${where}: no 409 for idempotency_conflict`);
      }
    }
  }

  if (problems.length > 0) {
    for (const p of problems)
      console.error(`${file}: ${p}`);
    process.exit(1);
  }
  console.log(`${file}: valid OpenAPI ${api.openapi}, ${Object.keys(api.paths).length} paths`);
}

main().catch(err => {
  console.error(`${process.argv[2]}: ${err.message}`);
  process.exit(1);
});
