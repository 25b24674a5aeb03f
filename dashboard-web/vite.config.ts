import { defineConfig } from 'vite';

// The build lands in target/classes/static, so the Maven jar carries it and command-api serves it at "/".
export default defineConfig({
  build: {
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // the operators' dashboard, the patrol members' and the residents' mobile pages, the village's and community's page, a village's public board, the alliance's page, the public badge check, the recordings' search (录像查询)
    rollupOptions: { input: { main: 'index.html', patrol: 'patrol.html', whistle: 'whistle.html', village: 'village.html', board: 'board.html', alliance: 'alliance.html', badge: 'badge.html', recordings: 'recordings.html' } },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
