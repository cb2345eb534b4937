import { fileURLToPath } from 'node:url';

/** Absolute paths of the project's own data and fixtures, so tests run from any working directory. */
export const DATA = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
export const FIXTURE = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
