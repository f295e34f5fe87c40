// Throwaway PostgreSQL clusters for end-to-end tests: `initdb` into a fresh folder (on tmpfs when
// the machine has /dev/shm), started socket-only with durability switched off, removed on `stop()`
// and, should a test forget or crash, when the process exits. Needs Debian's `postgresql` package
// (test/support/setup/10-debian-packages.sh); never touches the Debian service or port 5432 on TCP.
//
// Startup (initdb + start) measured on this busy 2-core machine: 0.6-0.9 s on /dev/shm; stop ~0.15 s.
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

/** A running throwaway cluster. Every database in it belongs to the superuser `postgres`. */
export interface PgCluster {
  /** Folder holding the Unix socket; the cluster listens on no TCP port. */
  readonly socketDir: string;
  /** Milliseconds that initdb plus start took. */
  readonly startupMs: number;
  /** A SQLAlchemy URL, e.g. `postgresql+psycopg2://postgres@/db?host=<socketDir>`. */
  url(db?: string, driver?: PgDriver): string;
  /** A libpq-style URL (`postgresql://postgres@/db?host=...`) that psql and node-postgres accept. */
  connectionString(db?: string): string;
  /** Creates an empty database. */
  createDatabase(name: string): Promise<void>;
  /** Drops a database if it exists, closing its open connections first. */
  dropDatabase(name: string): Promise<void>;
  /** Runs SQL (several statements allowed) with psql; resolves to its unaligned, tuples-only output. */
  psql(sql: string, db?: string): Promise<string>;
  /** Stops the server at once and deletes its folder. Safe to call twice. */
  stop(): void;
}

/** SQLAlchemy driver names the URL helper knows. */
export type PgDriver = 'psycopg2' | 'psycopg' | 'asyncpg';

const DIR_PREFIX = 'fixture-scaffold-pg-';
const OWNER_FILE = 'owner.pid';
const SETTINGS = [
  "listen_addresses = ''",
  'fsync = off',
  'synchronous_commit = off',
  'full_page_writes = off',
];

/** Clusters this process started and has not stopped yet. */
const live = new Set<PgCluster>();
let cleanupRegistered = false;

/**
 * Returns the `bin` folder of the newest PostgreSQL under /usr/lib/postgresql that has `initdb`,
 * or `undefined` when there is none (or when running as root without a `postgres` user to run it).
 */
export function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  if (isRoot() && postgresUser() === undefined) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => /^\d+$/.test(v) && fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(base, versions[0], 'bin') : undefined;
}

/** Starts a new throwaway cluster. Rejects with initdb's or the server log's text on failure. */
export async function startPostgres(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (bin === undefined) {
    throw new Error('PostgreSQL is not installed: run `bash test/support/setup/10-debian-packages.sh` as root');
  }
  const started = performance.now();
  const parent = clusterParent();
  removeAbandonedClusters(bin, parent);
  const dir = fs.mkdtempSync(path.join(parent, DIR_PREFIX));
  fs.writeFileSync(path.join(dir, OWNER_FILE), `${process.pid}\n`);
  const cluster = makeCluster(bin, dir);
  live.add(cluster);
  registerCleanup();
  try {
    await initAndStart(bin, dir);
  } catch (error) {
    cluster.stop();
    throw error;
  }
  return Object.assign(cluster, { startupMs: Math.round(performance.now() - started) });
}

/** Picks tmpfs (/dev/shm) when it has room for a cluster (Docker gives it 64 MB), else the temp dir. */
function clusterParent(): string {
  try {
    const shm = fs.statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize >= 512 * 1024 * 1024) return '/dev/shm';
  } catch {
    // No /dev/shm on this machine.
  }
  return os.tmpdir();
}

/** Runs initdb, writes the socket-only, no-durability settings and starts the server. */
async function initAndStart(bin: string, dir: string): Promise<void> {
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  fs.mkdirSync(socketDir);
  giveToPostgres(dir, socketDir);
  await runAsOwner(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync',
    '--no-locale', '--encoding=UTF8'], dir);
  const settings = [...SETTINGS, `unix_socket_directories = '${socketDir}'`];
  fs.appendFileSync(path.join(data, 'postgresql.conf'), `\n${settings.join('\n')}\n`);
  const log = path.join(dir, 'server.log');
  try {
    await runAsOwner(path.join(bin, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', log], dir);
  } catch (error) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').slice(-2000) : '(no server log)';
    throw new Error(`${(error as Error).message}\nserver log:\n${tail}`);
  }
}

/** Builds the handle for a cluster living in `dir`; the server may not be running yet. */
function makeCluster(bin: string, dir: string): PgCluster {
  const socketDir = path.join(dir, 'sock');
  let stopped = false;
  const cluster: PgCluster = {
    socketDir,
    startupMs: 0,
    url: (db = 'postgres', driver = 'psycopg2') => `postgresql+${driver}://postgres@/${db}?host=${socketDir}`,
    connectionString: (db = 'postgres') => `postgresql://postgres@/${db}?host=${encodeURIComponent(socketDir)}`,
    createDatabase: async (name) => {
      await cluster.psql(`CREATE DATABASE ${quoteIdent(name)}`);
    },
    dropDatabase: async (name) => {
      await cluster.psql(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
    psql: (sql, db = 'postgres') => runPsql(bin, socketDir, sql, db),
    stop: () => {
      if (stopped) return;
      stopped = true;
      live.delete(cluster);
      stopAndRemove(bin, dir);
    },
  };
  return cluster;
}

/** Runs SQL through psql on the cluster's socket, stopping at the first error. */
function runPsql(bin: string, socketDir: string, sql: string, db: string): Promise<string> {
  const connection = ['-h', socketDir, '-U', 'postgres', '-d', db];
  const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', ...connection, '-f', '-'];
  return new Promise((resolve, reject) => {
    const child = execFile(path.join(bin, 'psql'), args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      const statement = JSON.stringify(sql.slice(0, 200));
      if (error) reject(new Error(`psql failed on ${statement}: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(sql);
  });
}

/** Quotes an SQL identifier. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Stops the server in `dir` without waiting for clients and deletes the folder; never throws. */
function stopAndRemove(bin: string, dir: string): void {
  const data = path.join(dir, 'data');
  if (fs.existsSync(path.join(data, 'postmaster.pid'))) {
    const [cmd, args] = asOwner(path.join(bin, 'pg_ctl'), ['stop', '-m', 'immediate', '-w', '-D', data]);
    spawnSync(cmd, args, { cwd: dir, stdio: 'ignore', timeout: 30_000 });
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Removes clusters left behind by test processes that died without cleaning up (killed by a
 * signal or a timeout): each cluster folder records its owner's pid.
 */
function removeAbandonedClusters(bin: string, parent: string): void {
  for (const name of fs.readdirSync(parent)) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(parent, name);
    const owner = Number.parseInt(readOrEmpty(path.join(dir, OWNER_FILE)), 10);
    if (Number.isInteger(owner) && !processAlive(owner)) stopAndRemove(bin, dir);
  }
}

/** Reads a file, or returns '' when it cannot be read. */
function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Tells whether a process with this pid exists. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Stops every live cluster when the process exits, including on SIGINT and SIGTERM. */
function registerCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.on('exit', stopAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      stopAll();
      process.exit(code);
    });
  }
}

/** Stops every cluster this process still has running. */
function stopAll(): void {
  for (const cluster of [...live]) cluster.stop();
}

/** Tells whether this process runs as root (initdb refuses to). */
function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Returns the uid and gid of the `postgres` user from /etc/passwd, if it exists. */
function postgresUser(): { uid: number; gid: number } | undefined {
  const line = readOrEmpty('/etc/passwd')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (line === undefined) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** As root, hands the given folders to the `postgres` user so its server can write there. */
function giveToPostgres(...dirs: string[]): void {
  const user = isRoot() ? postgresUser() : undefined;
  if (user === undefined) return;
  for (const dir of dirs) fs.chownSync(dir, user.uid, user.gid);
}

/** Returns the command line that runs `cmd` as the cluster's owner (`postgres` when we are root). */
function asOwner(cmd: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

/** Runs a PostgreSQL program as the cluster's owner; rejects with its output when it fails. */
function runAsOwner(cmd: string, args: string[], cwd: string): Promise<void> {
  const [command, fullArgs] = asOwner(cmd, args);
  return new Promise((resolve, reject) => {
    execFile(command, fullArgs, { cwd, encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(cmd)} failed: ${`${stdout}\n${stderr}`.trim() || error.message}`));
      else resolve();
    });
  });
}
