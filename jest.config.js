// Jest 30 + ts-jest in native-ESM mode. Run through `npm test`, which sets
// NODE_OPTIONS=--experimental-vm-modules (needed on Node 20 and 24 alike:
// @actions/core 3 and @actions/github 9 are ESM-only).
import { availableParallelism } from 'node:os'

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  // Most test time is spent waiting on the Action's child process and the
  // browser, so two workers pay off even on two cores (Jest's default there is one).
  maxWorkers: Math.max(2, availableParallelism() - 1),
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  extensionsToTreatAsEsm: ['.ts'],
  // NodeNext source uses './x.js' specifiers; map them back to the .ts files.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  clearMocks: true,
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts'],
  coverageReporters: ['text', 'json-summary', 'lcov']
}
