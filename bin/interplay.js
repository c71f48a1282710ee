#!/usr/bin/env node
// Entry point for `npx interplay`: runs the TypeScript CLI through tsx's loader, so a fresh
// `npm ci` is all a clone needs (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
