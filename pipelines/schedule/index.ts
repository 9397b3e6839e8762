export { cronScheduler, type Scheduler } from './cron-scheduler.js';
export { pipelineJobs, summarise, type PipelineJobDeps } from './pipeline-jobs.js';
export { defaultSchedules, scheduleConfig, type ScheduleConfig } from './schedule-config.js';
export {
  startSchedules,
  type Job,
  type JobOutcome,
  type RetryPolicy,
  type RunningSchedules,
  type ScheduleEffects,
} from './start-schedules.js';
