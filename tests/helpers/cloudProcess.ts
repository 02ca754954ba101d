// Starts the local cloud as a child process in its own process group (tests/helpers/cloudProcessMain.ts), so a test
// can SIGKILL it together with its function workers, as a crash of the machine would, and start it again.
import { spawn } from 'child_process';
import net from 'net';
import path from 'path';

export interface CloudProcess {
  url: string;
  pid: number;
  /** SIGKILLs the cloud and its workers at once; resolves when the cloud process is gone. */
  killAll(): Promise<void>;
  /** Stops it cleanly (SIGTERM). */
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function startCloudProcess(dataDir: string, port: number): Promise<CloudProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cloudProcessMain.ts'), dataDir, String(port)], {
    cwd: path.join(__dirname, '..', '..'),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /ready (\S+)/.exec(out);
      if (m) resolve({
        url: m[1],
        pid: child.pid!,
        async killAll() {
          signalGroup('SIGKILL');
          await exited;
        },
        async stop() {
          child.kill('SIGTERM');
          await exited;
          signalGroup('SIGKILL'); // any worker left behind
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`local cloud process exited (${code}) before it was ready: ${stderr}`)));
  });
}
