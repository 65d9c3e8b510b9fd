#!/usr/bin/env node
// The `broadside` command: runs the bundled CLI (built by `npm install`).
import('../dist/server.js').then((m) => m.main(process.argv.slice(2)));
