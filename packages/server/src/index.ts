export { createApp, type App } from './app.js';
export { loadConfig, type AppConfig } from './config.js';
export { runMigrations } from './common/db/migrate.js';
export { openDatabaseServer, ensureDatabaseExists, repoRoot } from './common/db/database.js';
export { dropDatabase, freePort } from './common/db/embedded-postgres.js';
export { printServedSchema } from './schema-printer.js';
export { serveSpa } from './common/http/spa-server.js';
export { seedDemoData, DEMO_ACCOUNTS } from './seeders/demo.seeder.js';
