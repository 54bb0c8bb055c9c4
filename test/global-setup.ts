import { buildApp } from './support/build-app';

/** The CLI and browser tests run the compiled app; build it once per test run. */
export default function setup(): void {
  buildApp();
}
