/** Markdown and console rendering of evaluation results. */
import { GOALS, goalsMet, PAIR_MARGIN, type SplitResult } from './evaluate.js';

export interface EvalRun {
  generatedAt: string;
  mode: 'full' | 'quick';
  command: string;
  engine: 'offline';
  /** The skill knowledge the analysis ran with. */
  knowledge: string;
  splits: SplitResult[];
  /** The held-out split again, one result per writing batch (answer pairs belong to the first set). */
  heldoutBatches?: (SplitResult & { batch: string })[];
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const f = (x: number) => x.toFixed(3);
const mark = (ok: boolean) => (ok ? 'met' : 'not met');

export function summaryRows(r: SplitResult): [string, string, string][] {
  const g = goalsMet(r);
  const answers = r.answerPairs > 0;
  return [
    ['Skills precision', f(r.skills.precision), `≥ ${GOALS.skillsP} (${mark(g.skillsP)})`],
    ['Skills recall', f(r.skills.recall), `≥ ${GOALS.skillsR} (${mark(g.skillsR)})`],
    ['Gaps precision', f(r.gaps.precision), `≥ ${GOALS.gapsP} (${mark(g.gapsP)})`],
    ['Gaps recall', f(r.gaps.recall), `≥ ${GOALS.gapsR} (${mark(g.gapsR)})`],
    ['Fit score in band', `${pct(r.fitBandHitRate)} (${r.fitBandHits}/${r.cvJdCases})`, `≥ ${pct(GOALS.fitBand)} (${mark(g.fitBand)})`],
    ...((answers
      ? [
          [`Strong > weak by ≥ ${PAIR_MARGIN} points`, `${pct(r.pairAccuracyWithMargin)} of ${r.answerPairs}`, `≥ ${pct(GOALS.pairMargin)} (${mark(g.pairMargin)})`],
          ['Strong > weak (any margin)', pct(r.pairAccuracy), '—'],
          ['Median strong − weak', String(r.pairMarginMedian), '—'],
          ['STAR-part F1', f(r.star.f1), `≥ ${GOALS.starF1} (${mark(g.starF1)})`],
        ]
      : []) as [string, string, string][]),
    ['Skills P / R, strict naming', `${f(r.skillsStrict.precision)} / ${f(r.skillsStrict.recall)}`, '—'],
    ['Gaps P / R, strict naming', `${f(r.gapsStrict.precision)} / ${f(r.gapsStrict.recall)}`, '—'],
    ['Requirements found P / R', `${f(r.requirements.precision)} / ${f(r.requirements.recall)}`, '—'],
    ['Required vs nice-to-have agreement', pct(r.requiredVsNiceAgreement), '—'],
  ];
}

export function toMarkdown(run: EvalRun): string {
  const lines = [
    '# Evaluation: offline analysis and scoring rules',
    '',
    `Generated ${run.generatedAt} by \`${run.command}\` (${run.mode} run, ${run.engine} rules, ${run.knowledge}). Set and method: eval/README.md.`,
    '',
  ];
  for (const r of run.splits) {
    lines.push(`## ${r.split} split (${r.cvJdCases} CV/JD pairs, ${r.answerPairs} answer pairs)`, '', '| Metric | Value | Goal |', '|---|---|---|');
    for (const [a, b, c] of summaryRows(r)) lines.push(`| ${a} | ${b} | ${c} |`);
    const parts = Object.entries(r.star.byPart).map(([k, v]) => `${k} ${f(v.f1)}`);
    lines.push('', `STAR F1 by part: ${parts.join(', ')}.`, '');
  }
  for (const r of run.heldoutBatches ?? []) {
    lines.push(`### heldout, ${r.batch} (${r.cvJdCases} CV/JD pairs, ${r.answerPairs} answer pairs)`, '', '| Metric | Value | Goal |', '|---|---|---|');
    for (const [a, b, c] of summaryRows(r)) lines.push(`| ${a} | ${b} | ${c} |`);
    lines.push('');
  }
  const dev = run.splits.find((s) => s.split === 'dev');
  if (dev?.items) {
    lines.push('## Dev split, per item', '', '| CV/JD | Fit | Band | Missed matches | Wrong gaps | Missed gaps |', '|---|---|---|---|---|---|');
    for (const i of dev.items.cvJd) lines.push(`| ${i.id} | ${i.fitScore} | ${i.fitBand.join('–')}${i.inBand ? '' : ' ✗'} | ${i.missedMatches.join(', ')} | ${i.wrongGaps.join(', ')} | ${i.missedGaps.join(', ')} |`);
    lines.push('', '| Answer pair | Strong | Weak | STAR disagreements |', '|---|---|---|---|');
    for (const a of dev.items.answers) lines.push(`| ${a.id} | ${a.strong} | ${a.weak}${a.strong - a.weak < PAIR_MARGIN ? ' ✗' : ''} | ${a.starWrong.join('; ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
