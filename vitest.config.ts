import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'tests/**/*.test.ts'],
    // builds each database template a run needs once, for every test file to start from a copy (templates.ts)
    globalSetup: ['server/src/test/global-setup.ts'],
    pool: 'forks',
    // a worker runs file after file: the server's modules are imported, and PGlite's WebAssembly compiled, once
    // per worker rather than once per file (each file still has its own database and app, and closes them)
    isolate: false,
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // pages on a loaded 2-core machine can take seconds to settle: poll long enough, never sleep blindly
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
