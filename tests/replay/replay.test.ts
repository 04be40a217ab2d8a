import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, readHistory } from '../support/histories';
import { installQuietTemporalRuntime, testConfig } from '../support/stack';
import { temporalDataConverter } from '../../lib/temporal';

const fixtures = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];

describe('replaying saved workflow histories against the current code', () => {
  it('has histories to replay', () => {
    // The fixtures come from `npm run histories:record`; an empty folder would make this suite prove nothing.
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });

  it.each(fixtures)('%s replays without nondeterminism', async (file) => {
    installQuietTemporalRuntime();
    const history = readHistory(file);
    // With the payload codec the worker runs with: histories recorded in clear pass through it.
    const dataConverter = temporalDataConverter(testConfig());
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.GRANTFLOW_TEST_WORKFLOW_BUNDLE! }, dataConverter }, history, path.basename(file, '.json'));
  });
});
