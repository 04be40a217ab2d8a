import path from 'node:path';

/** The checkout's root: shipped data files (the local business register) are found from here. */
export const PROJECT_ROOT = path.resolve(__dirname, '..');
