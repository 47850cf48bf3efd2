#!/usr/bin/env node
// The `parley` command. Runs the TypeScript sources through tsx, so it works right after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
