#!/usr/bin/env node
// check-examples.js: every example of data/portal-api.yaml is valid
// against the schema it illustrates.
//
// Prism's mock validates the answers it builds from the examples, but only
// where it can compile the schema, and it skips a schema it cannot compile
// without a word (prism-http's validateAgainstSchema wraps the compile in
// a tryCatch). Prism 5.14.2 turns an OpenAPI `nullable: true` into a JSON
// Schema null type and appends null to the `enum`, so an enum that lists
// null itself (as OpenAPI 3.0.3 asks: TicketEvent.from_state/to_state)
// ends up with null twice, Ajv refuses it, and no ticket with events is
// validated at all. This check reads the document through Prism's own
// loader, removes repeated enum values (which changes no schema's
// meaning), and validates each example with an Ajv set up like Prism's, so
// that no example escapes because of that. It also names every schema
// Prism itself cannot compile, as a warning on stderr.
//
// Usage: node check-examples.js data/portal-api.yaml
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';

const path = require('path');
const Ajv = require('ajv').default;
const addFormats = require('ajv-formats').default;
const { getHttpOperationsFromSpec } = require('@stoplight/prism-cli/dist/operations');

const ajvOptions = {
  allErrors: true,
  allowUnionTypes: true,
  allowMatchingProperties: true,
  strict: false,
  coerceTypes: false,
  logger: false,
};

// A copy of @schema with repeated enum values removed, at every depth.
function withoutRepeatedEnums (schema) {
  if (Array.isArray(schema))
    return schema.map(withoutRepeatedEnums);
  if (schema === null || typeof schema !== 'object')
    return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'enum' && Array.isArray(value)) {
      const seen = new Set();
      copy.enum = value.filter(v => {
        const id = JSON.stringify(v);
        return seen.has(id) ? false : (seen.add(id), true);
      });
    } else {
      copy[key] = withoutRepeatedEnums(value);
    }
  }
  return copy;
}

async function main () {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: check-examples.js FILE');
    process.exit(2);
  }

  const operations = await getHttpOperationsFromSpec(path.resolve(file));
  const ajv = new Ajv(ajvOptions);
  const prismLike = new Ajv(ajvOptions);
  addFormats(ajv);
  addFormats(prismLike);
  const problems = [];
  const uncompilable = new Map();   // Ajv's message -> the answers it concerns
  let checked = 0;

  const check = (where, schema, examples) => {
    if (!schema || !examples || examples.length === 0)
      return;
    try {
      prismLike.compile(schema);
    } catch (err) {
      uncompilable.set(err.message, [...(uncompilable.get(err.message) || []), where]);
    }
    let validate;
    try {
      validate = ajv.compile(withoutRepeatedEnums(schema));
    } catch (err) {
      problems.push(`${where}: the schema does not compile: ${err.message}`);
      return;
    }
    for (const example of examples) {
      if (!('value' in example))
        continue;
      checked++;
      if (!validate(example.value)) {
        for (const e of validate.errors)
          problems.push(`${where}, example “${example.key}”: ${e.instancePath || '/'} ${e.message}`);
      }
    }
  };

  for (const op of operations) {
    const name = `${op.method.toUpperCase()} ${op.path}`;
    for (const response of op.responses) {
      for (const content of response.contents || [])
        check(`${name} ${response.code} ${content.mediaType}`, content.schema, content.examples);
      for (const header of response.headers || [])
        check(`${name} ${response.code} header ${header.name}`, header.schema, header.examples);
    }
  }

  for (const [message, answers] of uncompilable) {
    console.error(`${file}: warning: Prism cannot compile, so never validates, the schema of ` +
                  `${answers.length} answers (${answers.join('; ')}): ${message}`);
  }
  if (problems.length > 0) {
    for (const p of problems)
      console.error(`${file}: ${p}`);
    process.exit(1);
  }
  console.log(`${file}: ${checked} examples valid against their schemas`);
}

main().catch(err => {
  console.error(`${process.argv[2]}: ${err.message}`);
  process.exit(1);
});
