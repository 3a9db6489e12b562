// The NOTIFY channel of check runs: every status change and output flush of a
// run sends its batch id here in the same statement or transaction as the
// write, so any app process's event streams (run-stream.ts) hear it after the
// commit, whichever worker wrote it.
export const RUNS_CHANNEL = 'pmkb_runs';
