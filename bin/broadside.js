#!/usr/bin/env node
// The `broadside` command: runs the compiled CLI (built by `npm install`).
import('../dist/src/main.js').then((m) => m.main(process.argv.slice(2)));
