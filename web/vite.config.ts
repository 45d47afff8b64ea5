/**
 * The web front end: root web/, output web/dist (served by the Fastify app). In development the
 * API is proxied to the server on port 3000 so cookies stay same-origin.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The bundle benchmark reads the manifest to know what the first page loads.
    manifest: true,
    // antd and echarts make a few lazy chunks large on purpose; the first page is what matters.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
