import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ and builds to dist/, which the Express server serves in production.
// In development (`npm run dev`) Vite proxies the API, the Yjs endpoint and socket.io to the server.
const server = process.env.CROISEE_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The initial-JS budget (170 KB gzip) is measured by bench/browser.ts; Vite's generic 500 KB
  // (minified) warning would only repeat it less precisely.
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: {
      '/api': server,
      '/yjs': { target: server, ws: true },
      '/socket.io': { target: server, ws: true },
    },
  },
});
