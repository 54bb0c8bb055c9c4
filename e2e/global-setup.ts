import { buildApp } from '../test/support/build-app';

export default function setup(): void {
  buildApp();
}
