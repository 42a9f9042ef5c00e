export { type CliIo, runCommand, USAGE, UsageError } from './cli.js';
export {
  type RunningSqsPoller,
  type SqsPollerOptions,
  sqsPollerOptionsFromEnv,
  startSqsPoller,
} from './sqs-poller.js';
export { type RunningWorker, startWorker, type WorkerOptions } from './worker.js';
