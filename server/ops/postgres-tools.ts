import { spawn } from 'node:child_process';

/**
 * Runs the PostgreSQL client programs (pg_dump, pg_restore, psql). The
 * password travels in PGPASSWORD, never on the command line, where any
 * user on the machine could read it in the process list.
 */
export interface PostgresTarget {
  /** The connection URL without its password. */
  url: string;
  env: NodeJS.ProcessEnv;
}

export function postgresTarget(databaseUrl: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(
      'DATABASE_URL is not a valid URL. Use postgres://USER[:PASSWORD]@HOST:PORT/DATABASE.',
    );
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return { url: url.toString(), env };
}

export interface ToolResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a client program and resolves with its output, or rejects with its
 * stderr when it exits with a failure. `stdin` is written to its input.
 */
export function runTool(
  program: string,
  args: string[],
  target: PostgresTarget,
  stdin?: NodeJS.ReadableStream | string,
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: target.env,
      stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              `${program} was not found. Install the PostgreSQL client ` +
                '(Debian: apt-get install postgresql-client).',
            )
          : error,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(
          new Error(
            `${program} failed with exit code ${code}: ${stderr.trim()}`,
          ),
        );
    });

    if (typeof stdin === 'string') child.stdin?.end(stdin);
    else if (stdin) stdin.pipe(child.stdin!);
  });
}
