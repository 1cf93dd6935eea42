/**
 * Running benchmark cases in child Node processes and reading their result lines.
 * @packageDocumentation
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { READY, RESULT } from './protocol.js';

/** Folder of the compiled cases. */
const CASES = join(import.meta.dirname, '..', 'cases');

/** Result of a case: its JSON, or why it failed. */
export type CaseResult = Record<string, unknown>;

function spawnCase(name: string, args: unknown): ChildProcess {
  return spawn(process.execPath, [join(CASES, `${name}.js`), JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Runs case `name` to completion; resolves with its result, or `{ error }` when it printed none. */
export function runCase(name: string, args: unknown, timeoutMs = 600_000): Promise<CaseResult> {
  return new Promise((resolve) => {
    const child = spawnCase(name, args);
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdin?.end();
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(RESULT));
      if (line !== undefined) resolve(JSON.parse(line.slice(RESULT.length)) as CaseResult);
      else resolve({ error: `case ${name} exited ${String(code)} without a result: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

/** A server case running in the background. */
export interface BackgroundServer {
  /** What the server printed when ready. */
  readonly info: Record<string, string>;
  /** Stops it (closes its stdin; kills it after 5 s). */
  stop(): Promise<void>;
}

/** Starts server case `name` and waits for its ready line. */
export function startServer(name: string, args: unknown): Promise<BackgroundServer> {
  return new Promise((resolve, reject) => {
    const child = spawnCase(name, args);
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith(READY));
      if (line === undefined) return;
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({
        info: JSON.parse(line.slice(READY.length)) as Record<string, string>,
        async stop() {
          child.stdin?.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`server case ${name} exited ${String(code)} before it was ready: ${err.trim().split('\n').slice(-3).join(' | ')}`)));
  });
}
