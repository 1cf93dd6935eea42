/**
 * The process-facing surface the CLI commands use, injectable for tests.
 * @packageDocumentation
 */

/** Output, environment and signals as the commands see them. */
export interface Io {
  /** Writes a line to stdout. */
  out(line: string): void;
  /** Writes a line to stderr. */
  err(line: string): void;
  /** Environment variables (secrets are read from here). */
  readonly env: NodeJS.ProcessEnv;
  /** Calls `fn` on SIGINT/SIGTERM; returns a function that removes the handler. */
  onInterrupt(fn: () => void): () => void;
  /** Resolves on SIGINT/SIGTERM (for long-running servers). */
  waitForInterrupt(): Promise<void>;
}
