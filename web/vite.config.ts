import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    proxy: {
      '/api': api,
      '/docs': api,
    },
  },
  build: {
    outDir: 'dist',
    // maplibre-gl alone is ~1 MB minified and cannot be split further.
    chunkSizeWarningLimit: 1200,
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // maplibre and antd together exceed 2 MB; separate chunks also cache independently of our code.
        codeSplitting: {
          groups: [
            // A group also takes the dependencies of its modules, so React must be claimed first.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/, priority: 2 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|dayjs)[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
