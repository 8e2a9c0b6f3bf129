import react from '@vitejs/plugin-react';
// A relative import: Vite bundles it (TypeScript) with this file; a package import would go to Node as is.
import { spaConfig } from '../ui/vite/app-config.js';
import { clerkPwa } from './pwa.config.js';

export default spaConfig({ port: 5175, plugins: [react(), clerkPwa()] });
