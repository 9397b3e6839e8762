import cron from 'node-cron';

/** Calls `tick` on a cron schedule until stopped. */
export type Scheduler = (expression: string, tick: () => void) => { stop(): void };

/** node-cron, in Europe/London time (the schedules are written in local clock time). */
export const cronScheduler: Scheduler = (expression, tick) => {
  if (!cron.validate(expression))
    throw new Error(`not a cron expression: ${JSON.stringify(expression)}`);
  const task = cron.schedule(expression, () => tick(), { timezone: 'Europe/London' });
  return {
    stop() {
      void task.stop();
    },
  };
};
