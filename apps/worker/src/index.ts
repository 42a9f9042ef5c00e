export { type CliIo, runCommand, USAGE, UsageError } from './cli.js';
export { type RunningWorker, startWorker, type WorkerOptions } from './worker.js';
