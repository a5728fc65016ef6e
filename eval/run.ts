/**
 * Usage: pnpm eval [--quick] [--verbose] [--llm [--base-url URL] [--model NAME]]
 *
 * Runs the evaluation set (eval/data) through core's offline analysis and scoring rules (with the
 * ESCO knowledge when the set-up installed models/esco) and prints the metrics for the dev and
 * held-out splits. A full run writes them to bench/results/eval-latest.{json,md}; --quick runs a
 * small fixed subset and writes nothing (CI runs it through eval/eval.test.ts). --verbose also
 * prints the dev split's per-item misses.
 *
 * --llm: also runs the set through the API's analysis service with the OpenAI-compatible LLM the
 * environment configures (LLM_BASE_URL, LLM_MODEL, OPENAI_API_KEY) and beside it the offline
 * rules, and writes the comparison to bench/results/eval-llm-latest.{json,md} (full run).
 * --base-url and --model override LLM_BASE_URL and LLM_MODEL; the key is read from OPENAI_API_KEY
 * only, so it never sits in a shell history or a process list.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSkillKnowledge } from '../api/src/lib/analysis/esco-loader.js';
import { ANSWER_CASES, CV_JD_CASES, QUICK_ANSWER_IDS, QUICK_CV_JD_IDS } from './data/index.js';
import { compareEngines, comparisonMarkdown, llmConfigFromEnv } from './src/compare-engines.js';
import { runEval } from './src/run-eval.js';
import { summaryRows, toMarkdown } from './src/report.js';

const argv = process.argv.slice(2);
/** The value of `--name value` or `--name=value`, if given. */
function option(name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice(name.length + 1) : argv[i + 1];
}
const args = new Set(argv);
const quick = args.has('--quick');
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench', 'results');
const baseUrl = option('--base-url');
const model = option('--model');
const llmConfig = args.has('--llm')
  ? llmConfigFromEnv({ ...process.env, ...(baseUrl ? { LLM_BASE_URL: baseUrl } : {}), ...(model ? { LLM_MODEL: model } : {}) })
  : null;
if (args.has('--llm') && !llmConfig) {
  console.error('pnpm eval --llm needs an OpenAI-compatible server: --base-url URL --model NAME (or LLM_BASE_URL and LLM_MODEL), and OPENAI_API_KEY if it wants a key.');
  process.exit(2);
}

const knowledge = loadSkillKnowledge();
const run = runEval({ quick, command: `pnpm eval${quick ? ' --quick' : ''}`, knowledge });
console.log(`Skill knowledge: ${run.knowledge}`);
for (const r of run.splits) {
  console.log(`\n${r.split} (${r.cvJdCases} CV/JD pairs, ${r.answerPairs} answer pairs)`);
  for (const [a, b, c] of summaryRows(r)) console.log(`  ${a.padEnd(36)} ${b.padEnd(20)} ${c}`);
}
for (const r of run.heldoutBatches ?? []) {
  console.log(`\nheldout, ${r.batch} (${r.cvJdCases} CV/JD pairs, ${r.answerPairs} answer pairs)`);
  for (const [a, b, c] of summaryRows(r)) console.log(`  ${a.padEnd(36)} ${b.padEnd(20)} ${c}`);
}
if (args.has('--verbose')) {
  const dev = run.splits.find((s) => s.split === 'dev');
  for (const i of dev?.items?.cvJd ?? []) console.log(JSON.stringify(i));
  for (const a of dev?.items?.answers ?? []) console.log(JSON.stringify(a));
}
if (!quick) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'eval-latest.json'), `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(join(out, 'eval-latest.md'), toMarkdown(run));
  console.log(`\nWrote ${join('bench', 'results', 'eval-latest.json')} and eval-latest.md`);
}

if (llmConfig) {
  const comparison = await compareEngines({
    cvJd: quick ? CV_JD_CASES.filter((c) => QUICK_CV_JD_IDS.includes(c.id)) : CV_JD_CASES,
    answers: quick ? ANSWER_CASES.filter((c) => QUICK_ANSWER_IDS.includes(c.id)) : ANSWER_CASES,
    splits: quick ? ['dev'] : ['dev', 'heldout'],
    llm: llmConfig,
    knowledge,
    mode: quick ? 'quick' : 'full',
    command: `pnpm eval --llm${quick ? ' --quick' : ''}`,
  });
  const md = comparisonMarkdown(comparison);
  console.log(`\n${md}`);
  if (!quick) {
    writeFileSync(join(out, 'eval-llm-latest.json'), `${JSON.stringify(comparison, null, 2)}\n`);
    writeFileSync(join(out, 'eval-llm-latest.md'), md);
    console.log(`Wrote ${join('bench', 'results', 'eval-llm-latest.json')} and eval-llm-latest.md`);
  }
}
