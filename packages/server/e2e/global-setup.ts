import type { TestProject } from 'vitest/node';
import { prepareTestDatabase } from '../src/common/db/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseServerUrl: string;
    templateDatabase: string;
  }
}

let drop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const db = await prepareTestDatabase('test_server');
  drop = db.drop;
  project.provide('databaseUrl', db.url);
  project.provide('databaseServerUrl', db.serverUrl);
  project.provide('templateDatabase', db.name);
}

export async function teardown(): Promise<void> {
  await drop?.();
}
