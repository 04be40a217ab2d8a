// The no-op baseline's workflow: it returns at once, so starting it costs what the engine itself
// charges for "start a workflow per request" — the history write and one workflow task — and nothing
// of grantflow's own work.

export async function noopWorkflow(): Promise<void> {
  // Nothing to do by design.
}
