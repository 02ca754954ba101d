// The deployed functions of the local cloud: every folder of the build output with an index.js, each with its
// own warm pool, timeout and timer triggers read from its config.json (the same file the real cloud reads).
import fs from 'fs';
import path from 'path';
import { FunctionPool, type InvokeResult, type WxContext } from './pool';
import { timerTriggers, type TimerTrigger } from '../scheduler';

export interface FunctionConfig { timeout?: number; triggers?: Array<{ name: string; type: string; config: string }> }

export interface DeployedFunction { name: string; dir: string; config: FunctionConfig; pool: FunctionPool }

export interface RegistryOptions {
  functionsDir: string;
  tcbUrl: (token: string) => string;
  maxWorkers: number;
  /** Workers (concurrent instances) per function where it differs from maxWorkers, e.g. `{ mall: 100 }`. */
  instances?: Record<string, number>;
  /** Multiplies each function's configured timeout (local machines and test runs can be slower than the cloud). */
  timeoutScale: number;
  /** Added to every worker's environment (the local cloud's secrets). */
  env?: Record<string, string>;
}

export class FunctionRegistry {
  readonly functions = new Map<string, DeployedFunction>();

  constructor(opts: RegistryOptions) {
    for (const [name, n] of Object.entries(opts.instances ?? {})) if (!Number.isInteger(n) || n < 1) throw new RangeError(`instances of ${name} must be a positive integer`);
    if (!fs.existsSync(opts.functionsDir)) throw new Error(`no built functions at ${opts.functionsDir}: run the function build first`);
    for (const name of fs.readdirSync(opts.functionsDir).sort()) {
      const dir = path.join(opts.functionsDir, name);
      const file = path.join(dir, 'index.js');
      if (!fs.existsSync(file)) continue;
      const configFile = path.join(dir, 'config.json');
      const config: FunctionConfig = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
      const timeoutMs = (config.timeout ?? 3) * 1000 * opts.timeoutScale;
      const pool = new FunctionPool({ functionName: name, file, tcbUrl: opts.tcbUrl, timeoutMs, maxWorkers: opts.instances?.[name] ?? opts.maxWorkers, env: opts.env });
      this.functions.set(name, { name, dir, config, pool });
    }
    const unknown = Object.keys(opts.instances ?? {}).filter((n) => !this.functions.has(n));
    if (unknown.length > 0) throw new Error(`instances for unknown functions: ${unknown.join(', ')}`);
  }

  names(): string[] {
    return [...this.functions.keys()];
  }

  triggers(): TimerTrigger[] {
    return [...this.functions.values()].flatMap((f) => timerTriggers(f.name, f.config));
  }

  async invoke(name: string, event: unknown, context: WxContext, clock: object): Promise<InvokeResult | null> {
    const fn = this.functions.get(name);
    if (!fn) return null;
    return fn.pool.invoke(event, context, clock);
  }

  warm(): Promise<void[]> {
    return Promise.all([...this.functions.values()].map((f) => f.pool.warm()));
  }

  async close(): Promise<void> {
    await Promise.all([...this.functions.values()].map((f) => f.pool.close()));
  }
}
