#!/usr/bin/env node
// The servqual command. The TypeScript sources are compiled to dist/ by `npm install` (prepare).
import { installProcessGuards, main } from '../dist/cli/main.js';

installProcessGuards(process.argv.slice(2));
process.exitCode = await main(process.argv.slice(2));
