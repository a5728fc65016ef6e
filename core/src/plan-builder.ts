/**
 * Builds the interview plan from the analysis: an opener, questions that fit the interview type
 * and seniority, and probes for the gaps the analysis found. Question text is spoken by TTS, so it
 * is plain sentences with skill names written the way they are said. Deterministic.
 */
import { z } from 'zod';
import type { Analysis } from './analysis.js';
import behaviouralQuestions from './behavioural-questions.json' with { type: 'json' };
import type { InterviewPlan, PlanQuestion, QuestionKind } from './plan.js';
import { getSkill, type SkillCategory } from './skills.js';
import type { InterviewType, Seniority } from './wire.js';

export const DEFAULT_QUESTION_COUNT = 6;
export const MAX_QUESTION_COUNT = 20;

type Draft = Omit<PlanQuestion, 'id'>;

const TECHNICAL_CATEGORIES: ReadonlySet<SkillCategory> = new Set(['language', 'frontend', 'backend', 'mobile', 'data', 'ml', 'cloud', 'devops', 'database', 'testing', 'security', 'architecture', 'practice']);
/** Soft skills that are not worth a question of their own ("a time your English made the difference"). */
const UNASKED_SKILLS: ReadonlySet<string> = new Set(['english']);
/** Asked of people who lead others, not of interns and juniors. */
const LEADERSHIP_SKILLS: ReadonlySet<string> = new Set(['mentoring', 'leadership', 'people management', 'team leadership', 'team supervision']);
const SENIOR_LEVELS: ReadonlySet<Seniority> = new Set(['senior', 'staff', 'lead']);
const EARLY_LEVELS: ReadonlySet<Seniority> = new Set(['intern', 'junior']);

const ACRONYMS = new Set([
  'aws', 'gcp', 'sql', 'html', 'css', 'php', 'etl', 'nlp', 'llm', 'rag', 'seo', 'crm', 'okrs', 'qa', 'tdd', 'ux', 'ui',
  'iam', 'sre', 'dbt', 'gdpr', 'owasp', 'oop', 'ddd', 'ios', 'ec2', 's3', 'grpc', 'mlops', 'nosql', 'orm', 'cdn', 'pmp',
]);
const SPOKEN: Record<string, string> = {
  'c++': 'C plus plus',
  'c#': 'C sharp',
  'f#': 'F sharp',
  '.net': 'dot net',
  'ci/cd': 'CI and CD',
  'a/b testing': 'A B testing',
  ios: 'iOS',
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  mongodb: 'MongoDB',
  graphql: 'GraphQL',
  github: 'GitHub',
  'github actions': 'GitHub Actions',
  'gitlab ci': 'GitLab CI',
  'rest api': 'REST APIs',
};

/** How a skill name is said aloud: "node.js" → "Node JS", "aws" → "AWS". */
export function spokenSkill(name: string): string {
  const n = name.toLowerCase();
  if (SPOKEN[n]) return SPOKEN[n];
  if (ACRONYMS.has(n)) return n.toUpperCase();
  if (n.endsWith('.js')) return `${cap(n.slice(0, -3))} JS`;
  const cat = getSkill(n)?.category;
  const proper: SkillCategory[] = ['language', 'frontend', 'backend', 'mobile', 'cloud', 'devops', 'database', 'testing', 'ml', 'data'];
  return cat && proper.includes(cat) && !n.includes(' ') ? cap(n) : n;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function aliasKeywords(skill: string): string[] {
  const def = getSkill(skill);
  const aliases = (def?.aliases ?? []).map((a) => (a.startsWith('=') ? a.slice(1) : a).toLowerCase());
  return [skill, ...aliases].slice(0, 4);
}

const CATEGORY_KEYWORDS: Partial<Record<SkillCategory, string[]>> = {
  database: ['query', 'index', 'schema', 'performance', 'latency', 'transaction'],
  cloud: ['deploy', 'production', 'cost', 'region', 'scaling', 'monitoring'],
  devops: ['deploy', 'pipeline', 'production', 'automation', 'rollback', 'monitoring'],
  testing: ['test', 'coverage', 'bug', 'regression', 'ci'],
  data: ['data', 'analysis', 'metric', 'result', 'pipeline', 'quality'],
  ml: ['model', 'data', 'training', 'evaluation', 'accuracy', 'production'],
  security: ['risk', 'threat', 'vulnerability', 'access', 'audit'],
  architecture: ['design', 'trade-off', 'scale', 'latency', 'failure', 'consistency'],
  product: ['users', 'metric', 'decision', 'outcome', 'stakeholders', 'priority'],
  design: ['users', 'research', 'prototype', 'feedback', 'iteration'],
  business: ['customer', 'revenue', 'target', 'result', 'process'],
};
const BUILD_KEYWORDS = ['built', 'designed', 'trade-off', 'performance', 'bug', 'production', 'decided', 'result'];

function skillQuestion(skill: string, seniority: Seniority): Draft {
  const s = spokenSkill(skill);
  const category = getSkill(skill)?.category ?? 'practice';
  const keywords = [...aliasKeywords(skill), ...(CATEGORY_KEYWORDS[category] ?? BUILD_KEYWORDS)];
  const scope = SENIOR_LEVELS.has(seniority)
    ? 'Explains decisions at system or team level and the trade-offs weighed'
    : 'Explains their own part clearly and what they learned';
  const base = (text: string, strong: string[], followUps: string[], kind: QuestionKind = 'technical'): Draft => ({
    kind,
    competency: skill,
    text,
    strongAnswer: [...strong, scope],
    followUps,
    skill,
    keywords: [...new Set(keywords)].slice(0, 30),
  });
  switch (category) {
    case 'database':
      return base(
        `Tell me about a time you had to make ${s} work better for a real system. How did you find the problem, what did you change, and what was the effect?`,
        ['Names a concrete system and the symptom, such as slow queries or lock contention', 'Describes how they measured it, for example query plans or metrics', 'States the change and its measured effect'],
        ['How did you know the change worked?', 'What would you do differently with hindsight?'],
      );
    case 'cloud':
    case 'devops':
      return base(
        `How have you used ${s} to ship or run a service in production? Tell me about a time something went wrong with it and how you handled it.`,
        ['Describes a real production setup and their part in it', 'Walks through the failure, the diagnosis and the fix', 'Mentions what they changed so it would not happen again'],
        ['What did you change afterwards so it would not happen again?', 'How did you find out something was wrong?'],
      );
    case 'testing':
      return base(
        `How do you decide what to test when you use ${s}? Give me an example of a bug your tests caught, or one they missed.`,
        ['Explains a testing strategy tied to risk, not coverage for its own sake', 'Gives a concrete bug and what it taught them'],
        ['What would you not bother testing, and why?', 'How long does your test suite take, and does that matter?'],
      );
    case 'data':
    case 'ml':
      return base(
        `Walk me through a piece of work where you used ${s}, from the question you were answering to the result and how it was used.`,
        ['States the question or decision the work served', 'Describes data quality issues and how they were handled', 'Gives the result and how it changed a decision'],
        ['How did you check the result was right?', 'Who used the result, and what did they do with it?'],
      );
    case 'security':
      return base(
        `Tell me about a time you dealt with ${s} in your work. What was the risk, what did you do, and how did you know it was enough?`,
        ['Names a concrete risk or incident', 'Describes proportionate controls and who was involved', 'Explains how it was verified'],
        ['What trade-off did you make between security and speed?', 'Who else did you need to convince?'],
      );
    case 'architecture':
      return base(
        `Tell me about a system you worked on where ${s} really mattered. What were the constraints, what options did you consider, and what did you choose?`,
        ['Sets out constraints such as load, latency, cost or team size', 'Compares at least two options with trade-offs', 'Reports how the choice held up'],
        ['What would break first if the load grew ten times?', 'What would you change now?'],
      );
    case 'healthcare':
    case 'education':
    case 'finance':
    case 'hospitality':
    case 'logistics':
    case 'retail':
    case 'people':
    case 'public':
    case 'construction':
    case 'marketing':
    case 'service':
      return base(
        `Tell me about a recent time ${s} was central to your work. What was the situation, what did you do yourself, and how did it turn out?`,
        ['Describes one specific situation and what was at stake', 'Shows their own judgement and actions, not the team’s in general', 'States the outcome, with a number or a concrete consequence'],
        ['What would you do differently next time?', 'How did you know it had worked?'],
        'role_specific',
      );
    case 'product':
    case 'design':
    case 'business':
      return base(
        `Tell me about a time you used ${s} to make or change a decision. What did you do, and what was the outcome?`,
        ['Describes the situation and the decision at stake', 'Explains their own method and who they involved', 'Gives a measurable outcome'],
        ['How did you measure the outcome?', 'What would you do differently next time?'],
        'role_specific',
      );
    case 'soft':
      return base(
        `Tell me about a time your ${s} made the difference on a piece of work. What was the situation and what did you do?`,
        ['Uses a specific situation, not a general claim', 'Shows their own actions and the reaction of others', 'States the result'],
        ['What did the other people involved say or do?', 'What would you do differently next time?'],
        'behavioural',
      );
    case 'practice':
      return base(
        `How do you apply ${s} in your day-to-day work? Give me a recent, specific example and what it changed.`,
        ['Gives a recent concrete example', 'Explains why the practice helped in that case', 'Mentions a limit or a trade-off'],
        ['When does that practice not pay off?', 'How did the rest of the team respond?'],
      );
    default:
      return base(
        `Tell me about the most demanding thing you have built with ${s}. What problem did it solve, what trade-offs did you make, and what would you do differently?`,
        ['Describes a concrete project and their own part in it', `Shows depth in ${s}, beyond naming it, such as pitfalls and idioms`, 'Explains trade-offs and the outcome'],
        [`What is a pitfall of ${s} that bit you, and how did you handle it?`, 'How did you know it worked in production?'],
      );
  }
}

function gapQuestion(skill: string, hasCv: boolean, seniority: Seniority): Draft {
  const s = spokenSkill(skill);
  const category = getSkill(skill)?.category;
  const technical = category !== undefined && TECHNICAL_CATEGORIES.has(category);
  const text = hasCv
    ? `The role asks for ${s}, and I did not see it in your CV. Tell me about the closest thing you have done, or how you would get up to speed with ${s} in your first weeks.`
    : `The role asks for ${s}. Tell me about your experience with ${s}, or the closest thing you have done.`;
  return {
    kind: category === 'soft' ? 'behavioural' : technical ? 'technical' : 'role_specific',
    competency: `gap: ${skill}`.slice(0, 80),
    text,
    strongAnswer: [
      'Is honest about the level of experience',
      'Connects a related, concrete experience to the skill',
      'Has a specific plan to learn it, with resources and a time frame',
      ...(SENIOR_LEVELS.has(seniority) ? ['Shows how they have ramped up on unfamiliar technology before'] : []),
    ],
    followUps: [`What would your first week of learning ${s} look like?`, 'When did you last learn something similar, and how long did it take?'],
    skill,
    keywords: [...aliasKeywords(skill), 'learn', 'similar', 'experience', 'plan', 'project'].slice(0, 30),
  };
}

// The behavioural question bank is data, not code: src/behavioural-questions.json, checked here on
// load. `levels` limits a template to senior (senior, staff, lead) or early (intern, junior) candidates.
const BehaviouralTemplate = z.strictObject({
  kind: z.literal('behavioural'),
  competency: z.string(),
  levels: z.enum(['senior', 'early']).optional(),
  text: z.string(),
  strongAnswer: z.array(z.string()),
  followUps: z.array(z.string()),
  keywords: z.array(z.string()),
});
const TEMPLATE_LEVELS: Record<'senior' | 'early', ReadonlySet<Seniority>> = { senior: SENIOR_LEVELS, early: EARLY_LEVELS };
const BEHAVIOURAL = z.array(BehaviouralTemplate).parse(behaviouralQuestions);

function openerQuestion(role: string, company: string): Draft {
  const where = company.trim() ? ` at ${company.trim()}` : '';
  return {
    kind: 'role_specific',
    competency: 'motivation',
    text: `To start, please give me a short overview of your background and what draws you to the ${role.trim() || 'this'} role${where}.`,
    strongAnswer: ['Gives a concise, relevant summary in about a minute', 'Connects their experience to this role', 'Shows a genuine, specific reason for applying'],
    followUps: ['What in particular about this role appeals to you?', 'What would you want to learn here?'],
    skill: null,
    keywords: ['experience', 'role', 'team', 'interested', 'background', 'worked', 'years'],
  };
}

function roleScenarioQuestion(role: string, company: string, seniority: Seniority): Draft {
  const where = company.trim() ? ` at ${company.trim()}` : '';
  return {
    kind: 'role_specific',
    competency: 'role understanding',
    text: `Imagine your first three months as ${article(role)} ${role.trim() || 'new hire'}${where}. What would you focus on first, and how would you know you were succeeding?`,
    strongAnswer: [
      'Starts by learning the context, users and team before changing things',
      'Names concrete early goals tied to the role',
      'Defines how success would be measured',
      ...(SENIOR_LEVELS.has(seniority) ? ['Considers team-level impact, not only their own tasks'] : []),
    ],
    followUps: ['Who would you want to talk to first, and why?', 'What would worry you in the first month?'],
    skill: null,
    keywords: ['learn', 'team', 'users', 'goals', 'measure', 'first', 'priorities', 'success'],
  };
}

function article(word: string): string {
  return /^[aeiou]/i.test(word.trim()) ? 'an' : 'a';
}

// Software roles get the debugging and system-design questions; a civil engineer or a data analyst does not.
const ENGINEERING_ROLE = /\b(software|developer|programmer|sre|devops|back[\s-]?end|front[\s-]?end|full[\s-]?stack|platform|data engineer|ml engineer|machine learning|architect|tech lead|cto)\b/i;

function debuggingQuestion(): Draft {
  return {
    kind: 'technical',
    competency: 'debugging',
    text: 'Tell me about the hardest bug or production incident you have worked on. How did you find the cause, and what did you change so it would not happen again?',
    strongAnswer: ['Describes the symptom and its impact', 'Walks through a systematic diagnosis with evidence such as logs, metrics or a reproduction', 'Names the root cause, the fix and the prevention'],
    followUps: ['What was the first thing you checked, and why?', 'What did you change to catch it earlier next time?'],
    skill: 'debugging',
    keywords: ['bug', 'logs', 'metrics', 'reproduce', 'root cause', 'fix', 'incident', 'test'],
  };
}

function systemDesignQuestion(seniority: Seniority): Draft {
  return {
    kind: 'technical',
    competency: 'system design',
    text: 'Suppose users upload files that need slow background processing, and they want to see progress. How would you design that? Talk me through the parts, the data, and what happens when something fails.',
    strongAnswer: [
      'Clarifies requirements and scale before designing',
      'Separates upload, queue, workers and storage, with a status the user can poll or subscribe to',
      'Handles retries, idempotency and failure visibility',
      ...(SENIOR_LEVELS.has(seniority) ? ['Discusses capacity, cost and operational trade-offs'] : []),
    ],
    followUps: ['What happens if a worker crashes halfway through?', 'How would this change at a hundred times the load?'],
    skill: 'system design',
    keywords: ['queue', 'worker', 'storage', 'database', 'retry', 'status', 'scale', 'idempotent', 'failure'],
  };
}

function clampCount(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_QUESTION_COUNT;
  return Math.max(1, Math.min(MAX_QUESTION_COUNT, Math.round(n)));
}

/** Round-robin over several pools, skipping drafts whose skill/competency is already planned. */
function interleave(pools: Draft[][], count: number, taken: Set<string>): Draft[] {
  const out: Draft[] = [];
  const idx = pools.map(() => 0);
  while (out.length < count) {
    let progressed = false;
    for (let p = 0; p < pools.length && out.length < count; p++) {
      const pool = pools[p]!;
      while (idx[p]! < pool.length) {
        const d = pool[idx[p]!++]!;
        const key = d.skill ?? d.competency;
        if (taken.has(key)) continue;
        taken.add(key);
        out.push(d);
        progressed = true;
        break;
      }
    }
    if (!progressed) break;
  }
  return out;
}

export function buildInterviewPlan(input: {
  analysis: Analysis;
  interviewType: InterviewType;
  seniority: Seniority;
  role: string;
  company: string;
  questionCount?: number;
}): InterviewPlan {
  const { analysis, interviewType, seniority, role, company } = input;
  const count = clampCount(input.questionCount);
  const hasCv = analysis.cvSkills.length > 0;
  const cvSet = new Set(analysis.cvSkills);
  // SQL alone is an analyst's or a PM's tool too; it does not make the role a software one.
  const engineering = ENGINEERING_ROLE.test(role) || analysis.required.some((s) => s !== 'sql' && ['language', 'backend', 'frontend', 'devops', 'database'].includes(getSkill(s)?.category ?? ''));

  const behavioural: Draft[] = BEHAVIOURAL.filter((b) => !b.levels || TEMPLATE_LEVELS[b.levels].has(seniority)).map(({ levels: _levels, ...d }) => d);
  const requiredHard = analysis.required.filter((s) => getSkill(s)?.category !== 'soft');
  const requiredSoft = analysis.required.filter((s) => getSkill(s)?.category === 'soft' && !UNASKED_SKILLS.has(s) && !(EARLY_LEVELS.has(seniority) && LEADERSHIP_SKILLS.has(s)));
  // Depth questions go to required skills the candidate claims; gaps get their own probe.
  const claimed = requiredHard.filter((s) => !hasCv || cvSet.has(s)).map((s) => skillQuestion(s, seniority));
  const nice = analysis.niceToHave.filter((s) => cvSet.has(s)).map((s) => skillQuestion(s, seniority));
  const softQs = requiredSoft.filter((s) => !hasCv || cvSet.has(s)).map((s) => skillQuestion(s, seniority));
  const general: Draft[] = engineering
    ? [debuggingQuestion(), ...(EARLY_LEVELS.has(seniority) ? [] : [systemDesignQuestion(seniority)])]
    : [];
  const scenario = [roleScenarioQuestion(role, company, seniority)];

  const gapSkills = hasCv ? analysis.gaps.filter((g) => (analysis.required.includes(g) || analysis.niceToHave.includes(g)) && !UNASKED_SKILLS.has(g)) : [];
  const opener = count >= 3 ? [openerQuestion(role, company)] : [];
  const gapBudget = gapSkills.length ? Math.min(gapSkills.length, Math.max(1, Math.round(count / 4))) : 0;
  const coreCount = count - opener.length - gapBudget;

  let pools: Draft[][];
  switch (interviewType) {
    case 'behavioural':
      pools = [behavioural, softQs];
      break;
    case 'technical':
      // Claimed skills twice per round: depth on the JD's own stack is the point of this type.
      pools = [claimed, claimed, general, nice];
      break;
    case 'role_specific':
      pools = [scenario, claimed, softQs, behavioural];
      break;
    case 'mixed':
      pools = [claimed, behavioural, general, scenario, softQs];
      break;
  }
  // Every pool list ends with fallbacks so a short JD still yields the requested count.
  const taken = new Set<string>(gapSkills.slice(0, gapBudget));
  const core = interleave([...pools], coreCount, taken);
  if (core.length < coreCount) core.push(...interleave([general, behavioural, scenario, nice], coreCount - core.length, taken));
  const gaps = gapSkills.slice(0, gapBudget).map((g) => gapQuestion(g, hasCv, seniority));

  // Gap probes sit among the core questions (after every second one), not all at the end.
  const ordered: Draft[] = [...opener];
  let gi = 0;
  core.forEach((q, i) => {
    ordered.push(q);
    if (i % 2 === 1 && gi < gaps.length) ordered.push(gaps[gi++]!);
  });
  while (gi < gaps.length) ordered.push(gaps[gi++]!);

  const questions: PlanQuestion[] = ordered.slice(0, count).map((q, i) => ({ id: `q${i + 1}`, ...q }));
  return { version: 1, questions, requiredSkills: analysis.required.slice(0, 60) };
}
