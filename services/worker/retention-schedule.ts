import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from '../../lib/config';
import { parseDuration } from '../../lib/durations';
import type { Logger } from '../../lib/logger';
import { parseRetentionSchedule } from '../../lib/retention-settings';
import { retentionScheduleId, roundAlertScheduleId } from '../../domain/workflow-ids';

type ScheduleSettings = Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'RETENTION_SCHEDULE' | 'MUNICIPALITY_TIME_ZONE'>;
type RoundAlertScheduleSettings = Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'ROUND_ALERT_SCHEDULE' | 'MUNICIPALITY_TIME_ZONE'>;

/** A schedule setting (cron in the municipality's time zone, or an interval) as a Temporal spec. */
function scheduleSpec(setting: string, timeZone: string): ScheduleOptions['spec'] {
  const when = parseRetentionSchedule(setting);
  return 'cron' in when ? { cronExpressions: [when.cron], timezone: timeZone } : { intervals: [{ every: when.everyMs }] };
}

/**
 * A schedule that starts a workflow of no arguments on the task queue, its ID also the prefix of the
 * runs' IDs. A run still going when the next is due: the next is skipped. A run missed while
 * Temporal was down is made up for within a day.
 */
function workflowSchedule(scheduleId: string, workflowType: string, setting: string, config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'MUNICIPALITY_TIME_ZONE'>): ScheduleOptions {
  return {
    scheduleId,
    spec: scheduleSpec(setting, config.MUNICIPALITY_TIME_ZONE),
    action: { type: 'startWorkflow', workflowType, workflowId: scheduleId, taskQueue: config.TEMPORAL_TASK_QUEUE, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  };
}

/** The retention schedule as the configuration describes it: the retention run, never two at once. */
export function retentionScheduleOptions(config: ScheduleSettings): ScheduleOptions {
  return workflowSchedule(retentionScheduleId(config.TEMPORAL_TASK_QUEUE), 'retentionRun', config.RETENTION_SCHEDULE, config);
}

/**
 * Creates the retention schedule, or brings an existing one in line with the configuration. Every
 * worker does this at start-up, so a deployment has it whatever else it runs; doing it twice, or
 * from several replicas at once, leaves one schedule.
 */
export async function ensureRetentionSchedule(client: Client, config: ScheduleSettings, log?: Logger): Promise<'created' | 'updated'> {
  return ensureSchedule(client, retentionScheduleOptions(config), 'retention', config.RETENTION_SCHEDULE, log);
}

/**
 * The round alerts' schedule: queues the alerts due (a round opened, or closes in two weeks), never
 * two runs at once. A missed run costs nothing: alerts stay due while their round is open.
 */
export function roundAlertScheduleOptions(config: RoundAlertScheduleSettings): ScheduleOptions {
  return workflowSchedule(roundAlertScheduleId(config.TEMPORAL_TASK_QUEUE), 'roundAlertsRun', config.ROUND_ALERT_SCHEDULE, config);
}

/** Creates the round alerts' schedule, or brings an existing one in line with the configuration (as the retention schedule's). */
export async function ensureRoundAlertSchedule(client: Client, config: RoundAlertScheduleSettings, log?: Logger): Promise<'created' | 'updated'> {
  return ensureSchedule(client, roundAlertScheduleOptions(config), 'round alerts', config.ROUND_ALERT_SCHEDULE, log);
}

/** Creates a schedule, or updates the one of that ID (keeping whether it is paused): twice, or from several replicas at once, leaves one. */
async function ensureSchedule(client: Client, options: ScheduleOptions, name: string, setting: string, log?: Logger): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create(options);
    log?.info({ scheduleId: options.scheduleId, schedule: setting }, `${name} schedule created`);
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  const { scheduleId, ...update } = options;
  await client.schedule.getHandle(scheduleId).update((previous) => ({ ...update, state: previous.state }));
  log?.info({ scheduleId, schedule: setting }, `${name} schedule updated`);
  return 'updated';
}

/**
 * Warns when the namespace keeps closed workflows' histories (which hold case data) longer than
 * TEMPORAL_NAMESPACE_RETENTION. A worker may not change a cluster's namespace: an operator does
 * (README "Retention"); `npm start` sets it on its own dev server.
 */
export async function checkNamespaceRetention(client: Client, config: Pick<Config, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_NAMESPACE_RETENTION'>, log: Logger): Promise<void> {
  let described;
  try {
    described = await client.workflowService.describeNamespace({ namespace: config.TEMPORAL_NAMESPACE });
  } catch (error) {
    // Only a check: a worker whose credentials may not describe the namespace still runs.
    log.warn({ err: error, namespace: config.TEMPORAL_NAMESPACE }, 'could not read the Temporal namespace\'s retention');
    return;
  }
  const ttl = described.config?.workflowExecutionRetentionTtl;
  const seconds = Number(ttl?.seconds ?? 0);
  const wantedSeconds = parseDuration(config.TEMPORAL_NAMESPACE_RETENTION) / 1000;
  if (seconds > wantedSeconds) {
    log.warn(
      { namespace: config.TEMPORAL_NAMESPACE, retentionSeconds: seconds, wantedSeconds },
      'the Temporal namespace keeps closed workflow histories longer than TEMPORAL_NAMESPACE_RETENTION: set it with temporal operator namespace update --retention',
    );
  }
}
