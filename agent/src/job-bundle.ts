/**
 * Job processes without tsx. The framework forks every job process with the worker's execArgv,
 * so each one loaded tsx's loader (its own module-loader thread, transpiling every .ts file again)
 * for ~50 MB of its memory and part of its start-up. The worker runs tsx anyway, so it bundles the
 * agent's own code (with the workspace's TypeScript packages) into one plain ES module once at
 * start, with esbuild (tsx's own dependency); job processes load that and keep packages from
 * node_modules as they are. process-tuning.ts decides when to use it.
 */
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

interface EsbuildLike {
  build(opts: Record<string, unknown>): Promise<{ errors: unknown[] }>;
}

function loadEsbuild(): EsbuildLike {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('tsx/package.json'))('esbuild') as EsbuildLike;
}

/** Workspace packages ship TypeScript sources and are bundled; every other package stays external. */
export function isBundled(specifier: string): boolean {
  return specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('@mockroom/');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `jobs-<pid>` bundles left by workers that were killed before their exit handler ran. */
export function pruneStaleBundles(distDir: string): void {
  let names: string[];
  try {
    names = readdirSync(distDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^jobs-(\d+)$/.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) rmSync(join(distDir, name), { recursive: true, force: true });
  }
}

/**
 * Bundles `entry` into `outDir/main.mjs` and copies the files the code reads next to itself
 * (`assets`, paths relative to the entry's folder). Returns the bundle's path.
 */
export async function bundleJobEntry(entry: string, outDir: string, assets: string[]): Promise<string> {
  const esbuild = loadEsbuild();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'main.mjs');
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [
      {
        name: 'externals',
        setup(build: { onResolve(o: { filter: RegExp }, cb: (a: { path: string }) => unknown): void }) {
          build.onResolve({ filter: /.*/ }, (args) => (isBundled(args.path) ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  for (const asset of assets) cpSync(join(dirname(entry), asset), join(outDir, asset), { recursive: true });
  return outfile;
}
