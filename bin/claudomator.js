#!/usr/bin/env node
// The package's `claudomator` command: the compiled CLI (`npm run build` makes it).
require('../dist/src-main/cli.js');
