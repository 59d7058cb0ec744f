#!/usr/bin/env node
// The servqual command. npm install (prepare) compiles src/ to dist/ and bundles it (dist/bundle/).
import { installProcessGuards, main } from '../dist/bundle/servqual.js';

installProcessGuards(process.argv.slice(2));
process.exitCode = await main(process.argv.slice(2));
