// Vite config for the Qinqing web app. Run from the repo root:
//   npx vite build --config web/vite.config.ts   (output: web/dist, served by the API process)
//   npx vite --config web/vite.config.ts         (dev server; API calls proxied to :8080)
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress';

const webDir = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.QINQING_API ?? 'http://127.0.0.1:8080';

/**
 * Chunks of their own for the vendors loaded whole: React (every page) and echarts (only the
 * chart pages). antd is left to Rollup, which splits it by the components each page uses, so the
 * log-in and public pages load only theirs (one antd chunk made every page load all of antd).
 */
function manualChunks(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'echarts';
  if (/node_modules[\\/](react|react-dom|react-is|scheduler|react-router|react-router-dom|@remix-run)[\\/]/.test(id)) return 'react';
  return undefined;
}

export default defineConfig({
  root: webDir,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { output: { manualChunks } },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/docs': { target: apiTarget, changeOrigin: false },
      '/open311': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/docs': { target: apiTarget, changeOrigin: false },
      '/open311': { target: apiTarget, changeOrigin: false },
    },
  },
});
