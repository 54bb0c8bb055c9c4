import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src-*/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    // Tests spawn real git and agent processes: forks isolate them, and two
    // workers match the two cores our machines have.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
