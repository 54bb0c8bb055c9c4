import { defineConfig } from 'vite';

// The renderer build: one bundle both the Electron window (file://) and the
// browser page (served by `serve`) load, hence relative asset paths.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
