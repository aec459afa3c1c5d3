import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// The C++ server serves both the API and web/dist on one port (default 3000).
// In development Vite serves the app and forwards API calls to that server.
const backend = process.env.CRUDDUR_BACKEND || 'http://localhost:3000'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true },
      '/.well-known': { target: backend, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
  },
})
