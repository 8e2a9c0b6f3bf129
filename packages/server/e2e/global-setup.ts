import type { TestProject } from 'vitest/node';
import { prepareTestDatabase } from '../src/common/db/test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

let drop: (() => Promise<void>) | undefined;

export async function setup(project: TestProject): Promise<void> {
  const db = await prepareTestDatabase('test_server');
  drop = db.drop;
  project.provide('databaseUrl', db.url);
}

export async function teardown(): Promise<void> {
  await drop?.();
}
