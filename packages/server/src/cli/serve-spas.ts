/** Serves the three built SPAs, each forwarding /graphql to API_URL (docker-compose's `web` service). */
import { repoRoot } from '../common/db/database.js';
import { serveAllSpas } from '../common/http/spa-server.js';

const apiUrl = process.env.API_URL ?? 'http://localhost:4000';
const spas = await serveAllSpas(repoRoot(), apiUrl);
for (const spa of spas) console.log(`${spa.name.padEnd(6)} http://localhost:${spa.port} -> ${apiUrl}`);
const stop = () => Promise.all(spas.map((s) => new Promise((r) => s.server.close(r)))).then(() => process.exit(0));
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
