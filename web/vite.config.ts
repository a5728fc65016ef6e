import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves web/dist in production (one origin). In dev the Vite server proxies /api to it,
// so the browser still sees a single origin and the session cookie and CSRF rules behave the same.
const API_DEV_TARGET = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // Only DEV is read in the client; no env var is ever inlined into the bundle.
  envPrefix: 'MOCKROOM_PUBLIC_NEVER_',
  server: {
    port: 5173,
    proxy: { '/api': { target: API_DEV_TARGET, changeOrigin: false } },
  },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 1200 },
});
