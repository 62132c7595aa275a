#!/usr/bin/env node
// The myna-sandbox command. Built sources live in ../dist (npm run build).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv);
