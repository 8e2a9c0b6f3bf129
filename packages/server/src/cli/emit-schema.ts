/** Writes the served schema (without test-only fields) to schema.graphql at the repository root. */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../common/db/database.js';
import { printServedSchema } from '../schema-printer.js';

const file = path.join(repoRoot(), 'schema.graphql');
fs.writeFileSync(file, await printServedSchema());
console.log(`wrote ${file}`);
