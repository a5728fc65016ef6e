/**
 * Usage: pnpm eval [--quick] [--verbose]
 *
 * Runs the evaluation set (eval/data) through core's offline analysis and scoring rules and
 * prints the metrics for the dev and held-out splits. A full run writes them to
 * bench/results/eval-latest.{json,md}; --quick runs a small fixed subset and writes nothing
 * (CI runs it through eval/eval.test.ts). --verbose also prints the dev split's per-item misses.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEval } from './src/run-eval.js';
import { summaryRows, toMarkdown } from './src/report.js';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const run = runEval({ quick, command: `pnpm eval${quick ? ' --quick' : ''}` });

for (const r of run.splits) {
  console.log(`\n${r.split} (${r.cvJdCases} CV/JD pairs, ${r.answerPairs} answer pairs)`);
  for (const [a, b, c] of summaryRows(r)) console.log(`  ${a.padEnd(36)} ${b.padEnd(20)} ${c}`);
}
if (args.has('--verbose')) {
  const dev = run.splits.find((s) => s.split === 'dev');
  for (const i of dev?.items?.cvJd ?? []) console.log(JSON.stringify(i));
  for (const a of dev?.items?.answers ?? []) console.log(JSON.stringify(a));
}
if (!quick) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'eval-latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(out, 'eval-latest.md'), toMarkdown(run));
  console.log(`\nWrote ${join('bench', 'results', 'eval-latest.json')} and eval-latest.md`);
}
