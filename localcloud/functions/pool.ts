// A warm pool of worker processes for one function: one invocation per worker at a time, more workers when
// calls overlap (up to a cap), queued beyond it. A worker that times out is killed, as the real runtime does.
import { fork, type ChildProcess } from 'child_process';
import crypto from 'crypto';
import path from 'path';

export interface WxContext {
  OPENID?: string; APPID?: string; UNIONID?: string; SOURCE: string; ENV?: string;
  /** A CloudBase web user (localcloud/auth/webAuth.ts): set as TCB_UUID, TCB_CUSTOM_USER_ID, ... listed in TCB_CONTEXT_KEYS. */
  TCB?: { UUID: string; CUSTOM_USER_ID?: string; ISANONYMOUS_USER: 'true' | 'false' };
}

export interface Invocation {
  id: number;
  functionName: string;
  context: WxContext;
  dbOps: number;
  startedAt: number;
}

export interface InvokeResult { ok: boolean; result?: unknown; error?: string; ms: number; dbOps: number }

interface Worker {
  id: string;
  child: ChildProcess;
  /** The callback token of the invocation it runs now (see `invoke`), null while idle. */
  token: string | null;
  ready: Promise<void>;
  busy: Invocation | null;
}

export interface PoolOptions {
  functionName: string;
  file: string;
  /** The CloudBase URL a worker's SDK calls back on, from the invocation's unguessable token. */
  tcbUrl: (token: string) => string;
  timeoutMs: number;
  maxWorkers: number;
  env?: Record<string, string>;
}

const WORKER_SCRIPT = path.join(__dirname, 'worker.js');
/** What an idle worker's SDK would call: never a token (tokens are 32 characters), so always refused. */
const IDLE_TOKEN = 'idle';
let workerSeq = 0;
let invocationSeq = 0;

export class FunctionPool {
  private workers: Worker[] = [];
  private queue: Array<() => void> = [];
  private closed = false;
  /**
   * The callback token of every invocation in flight maps to that invocation, so /tcb knows the caller's identity
   * and counts its database requests. A token is random per invocation, registered when it starts and deleted when
   * it ends (result, timeout, crash): only these are accepted on `/tcb/w/<token>`.
   */
  static running = new Map<string, Invocation>();

  constructor(private readonly opts: PoolOptions) {}

  /** Worker processes alive now (busy or idle). */
  workerCount(): number {
    return this.workers.length;
  }

  warm(): Promise<void> {
    const w = this.workers[0] ?? this.spawn();
    return w.ready;
  }

  private spawn(): Worker {
    const id = `${this.opts.functionName}-${++workerSeq}`;
    const child = fork(WORKER_SCRIPT, [], {
      env: {
        ...process.env,
        // The local cloud's secrets (MEMBER_CODE_SECRET, the TENCENTCLOUD_SECRETID/SECRETKEY pair): after
        // process.env, so a variable of the shell that started the cloud never replaces them.
        ...this.opts.env,
        LOCALCLOUD_FUNCTION_FILE: this.opts.file,
        // Between invocations the SDK points at a path that is always refused; each invocation brings its own.
        TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.opts.tcbUrl(IDLE_TOKEN) }),
        TENCENTCLOUD: 'true', // skips the SDK's metadata-service probe before each request
        SCF_FUNCTIONNAME: this.opts.functionName,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker: Worker = {
      id,
      child,
      token: null,
      busy: null,
      ready: new Promise((resolve, reject) => {
        const onMessage = (msg: { type: string; message?: string }) => {
          if (msg.type === 'ready') { child.off('message', onMessage); resolve(); }
          if (msg.type === 'load-error') reject(new Error(`function ${this.opts.functionName} failed to load: ${msg.message}`));
        };
        child.on('message', onMessage);
        child.once('exit', () => reject(new Error(`function ${this.opts.functionName} worker exited while starting`)));
      }),
    };
    worker.ready.catch(() => undefined);
    child.once('exit', () => {
      this.workers = this.workers.filter((w) => w !== worker);
      if (worker.token) FunctionPool.running.delete(worker.token);
    });
    this.workers.push(worker);
    return worker;
  }

  private async acquire(): Promise<Worker> {
    for (;;) {
      if (this.closed) throw new Error('function pool closed');
      const idle = this.workers.find((w) => !w.busy);
      if (idle) return idle;
      if (this.workers.length < this.opts.maxWorkers) return this.spawn();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
  }

  /** Takes a worker out of service at once (before its exit event) so no call is handed to a dying process. */
  private retire(worker: Worker): void {
    this.workers = this.workers.filter((w) => w !== worker);
    if (worker.token) FunctionPool.running.delete(worker.token);
    worker.child.kill('SIGKILL');
  }

  private release(worker: Worker): void {
    worker.busy = null;
    if (worker.token) FunctionPool.running.delete(worker.token);
    worker.token = null;
    this.queue.shift()?.();
  }

  async invoke(event: unknown, context: WxContext, clock: object): Promise<InvokeResult> {
    const worker = await this.acquire();
    const invocation: Invocation = { id: ++invocationSeq, functionName: this.opts.functionName, context, dbOps: 0, startedAt: Date.now() };
    worker.busy = invocation;
    try {
      await worker.ready;
    } catch (err) {
      this.retire(worker);
      this.release(worker);
      return { ok: false, error: String(err), ms: 0, dbOps: 0 };
    }
    const token = crypto.randomBytes(24).toString('base64url');
    worker.token = token;
    FunctionPool.running.set(token, invocation);
    return new Promise<InvokeResult>((resolve) => {
      let finished = false;
      const finish = (r: Omit<InvokeResult, 'dbOps'>) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        worker.child.off('message', onMessage);
        worker.child.off('exit', onExit);
        this.release(worker);
        resolve({ ...r, dbOps: invocation.dbOps });
      };
      const onMessage = (msg: { type: string; id: number; ok: boolean; result?: unknown; error?: string; ms: number }) => {
        if (msg.type === 'result' && msg.id === invocation.id) finish(msg);
      };
      const onExit = () => finish({ ok: false, error: 'function instance exited during the invocation', ms: Date.now() - invocation.startedAt });
      const timer = setTimeout(() => {
        this.retire(worker);
        finish({ ok: false, error: `Task timed out after ${this.opts.timeoutMs / 1000} seconds`, ms: this.opts.timeoutMs });
      }, this.opts.timeoutMs);
      worker.child.on('message', onMessage);
      worker.child.once('exit', onExit);
      // The hand-off can fail: at once when the event does not serialise (the worker never saw it and stays in
      // service), or later when the channel breaks (the worker is gone). Either way the worker is released now,
      // never left busy until the timeout.
      const handOffFailed = (err: unknown, workerLost: boolean) => {
        if (workerLost) this.retire(worker);
        finish({ ok: false, error: `could not hand the event to the function: ${err instanceof Error ? err.message : String(err)}`, ms: Date.now() - invocation.startedAt });
      };
      try {
        worker.child.send({ type: 'invoke', id: invocation.id, requestId: `local-${invocation.id}`, functionName: this.opts.functionName, event, context, clock, tcbUrl: this.opts.tcbUrl(token) }, (err) => {
          if (err) handOffFailed(err, true);
        });
      } catch (err) {
        handOffFailed(err, false);
      }
    });
  }

  /** Process ids of this pool's live workers, or of those running an invocation (tests kill them: a crash loses nothing). */
  workerPids(opts: { busy?: boolean } = {}): number[] {
    return this.workers.flatMap((w) => (w.child.pid !== undefined && w.child.exitCode === null && (!opts.busy || w.busy) ? [w.child.pid] : []));
  }

  /** Workers running an invocation now. */
  busyCount(): number {
    return this.workers.filter((w) => w.busy).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const resolve of this.queue.splice(0)) resolve();
    await Promise.all(this.workers.map((w) => new Promise<void>((resolve) => {
      if (w.child.exitCode !== null) return resolve();
      w.child.once('exit', () => resolve());
      w.child.kill('SIGKILL');
    })));
  }
}
