/**
 * Skills vocabulary for the offline CV/JD analysis: canonical lower-case names with aliases,
 * grouped by category. Matching is on word boundaries that treat "+", "#" and "." as part of
 * a token, so "C++", "C#", "Node.js" and ".NET" match as written and "Java" does not match
 * inside "JavaScript". Aliases starting with "=" match case-sensitively; they are the ones that
 * are also ordinary English words ("Go", "React", "Swift", "Excel", "R").
 */

export const SkillCategory = [
  'language',
  'frontend',
  'backend',
  'mobile',
  'data',
  'ml',
  'cloud',
  'devops',
  'database',
  'testing',
  'security',
  'architecture',
  'practice',
  'product',
  'design',
  'business',
  'soft',
] as const;
export type SkillCategory = (typeof SkillCategory)[number];

/** Each row: canonical name first, then aliases. */
const VOCABULARY: Record<SkillCategory, string[][]> = {
  language: [
    ['javascript', 'js', 'ecmascript', 'es6'],
    ['typescript', 'ts'],
    ['python', 'python3'],
    ['java', 'jvm'],
    ['kotlin'],
    ['scala'],
    ['go', 'golang', '=Go'],
    ['rust', 'rustlang'],
    ['c', '=C'],
    ['c++', 'cpp', 'c plus plus'],
    ['c#', 'csharp', 'c sharp'],
    ['ruby'],
    ['php'],
    ['swift', '=Swift'],
    ['objective-c', 'objective c', 'objc'],
    ['r', '=R'],
    ['matlab'],
    ['perl'],
    ['elixir'],
    ['erlang'],
    ['haskell'],
    ['clojure'],
    ['f#', 'fsharp'],
    ['dart', '=Dart'],
    ['lua'],
    ['bash', 'shell scripting', 'shell script', 'zsh'],
    ['powershell'],
    ['sql'],
    ['html', 'html5'],
    ['css', 'css3'],
    ['solidity'],
    ['assembly', 'asm'],
    ['cobol'],
    ['fortran'],
    ['groovy'],
    ['zig'],
    ['ocaml'],
    ['webassembly', 'wasm'],
  ],
  frontend: [
    ['react', '=React', 'react.js', 'reactjs'],
    ['next.js', 'nextjs'],
    ['vue', 'vue.js', 'vuejs'],
    ['nuxt', 'nuxt.js'],
    ['angular', 'angularjs'],
    ['svelte', 'sveltekit'],
    ['solid.js', 'solidjs'],
    ['redux', 'redux toolkit'],
    ['tailwind', 'tailwindcss', 'tailwind css'],
    ['sass', 'scss'],
    ['webpack'],
    ['vite'],
    ['jquery'],
    ['accessibility', 'a11y', 'wcag'],
    ['responsive design'],
    ['web performance', 'core web vitals'],
    ['storybook'],
    ['three.js', 'threejs', 'webgl'],
    ['d3', 'd3.js'],
    ['web components'],
    ['rxjs'],
  ],
  backend: [
    ['node.js', 'nodejs', '=Node'],
    ['express.js', 'expressjs', '=Express'],
    ['nestjs', 'nest.js'],
    ['hono'],
    ['fastify'],
    ['deno'],
    ['bun', '=Bun'],
    ['django'],
    ['flask'],
    ['fastapi'],
    ['spring', '=Spring', 'spring boot', 'springboot'],
    ['rails', 'ruby on rails', 'ror'],
    ['laravel'],
    ['symfony'],
    ['.net', 'dotnet', 'asp.net', '.net core'],
    ['graphql', 'apollo'],
    ['rest api', 'restful', 'rest apis', '=REST'],
    ['grpc', 'protobuf', 'protocol buffers'],
    ['websockets', 'websocket'],
    ['webrtc'],
    ['microservices', 'microservice', 'micro-services'],
    ['serverless'],
    ['kafka', 'apache kafka'],
    ['rabbitmq'],
    ['message queues', 'message queue', 'pub/sub', 'pubsub'],
    ['nginx'],
    ['oauth', 'oauth2', 'openid connect', 'oidc'],
    ['api design'],
    ['celery'],
    ['sidekiq'],
  ],
  mobile: [
    ['ios'],
    ['android'],
    ['react native'],
    ['flutter'],
    ['swiftui'],
    ['jetpack compose'],
    ['xamarin'],
    ['mobile development', 'mobile apps', 'mobile app'],
  ],
  data: [
    ['data analysis', 'data analytics', 'analytics'],
    ['data engineering', 'data pipelines', 'data pipeline', 'etl', 'elt'],
    ['pandas'],
    ['numpy'],
    ['spark', 'apache spark', 'pyspark'],
    ['hadoop'],
    ['airflow', 'apache airflow'],
    ['dbt'],
    ['snowflake'],
    ['bigquery'],
    ['redshift'],
    ['databricks'],
    ['tableau'],
    ['power bi', 'powerbi'],
    ['looker'],
    ['excel', '=Excel', 'spreadsheets'],
    ['statistics', 'statistical analysis', 'statistical'],
    ['a/b testing', 'a/b tests', 'a/b test', 'ab testing', 'experimentation', 'split testing'],
    ['data modeling', 'data modelling'],
    ['data visualization', 'data visualisation'],
    ['data warehousing', 'data warehouse'],
    ['flink', 'apache flink'],
    ['kinesis'],
  ],
  ml: [
    ['machine learning', 'ml'],
    ['deep learning'],
    ['pytorch', 'torch'],
    ['tensorflow', 'keras'],
    ['scikit-learn', 'sklearn', 'scikit learn'],
    ['nlp', 'natural language processing'],
    ['computer vision'],
    ['llm', 'llms', 'large language models', 'large language model'],
    ['generative ai', 'genai', 'gen ai'],
    ['prompt engineering'],
    ['rag', 'retrieval augmented generation', 'retrieval-augmented generation'],
    ['mlops'],
    ['xgboost'],
    ['hugging face', 'huggingface', 'transformers'],
    ['recommender systems', 'recommendation systems'],
    ['reinforcement learning'],
    ['langchain'],
    ['openai api'],
    ['speech recognition', 'asr'],
  ],
  cloud: [
    ['aws', 'amazon web services'],
    ['gcp', 'google cloud', 'google cloud platform'],
    ['azure', 'microsoft azure'],
    ['ec2'],
    ['s3'],
    ['lambda', 'aws lambda'],
    ['cloudflare', 'cloudflare workers'],
    ['heroku'],
    ['vercel'],
    ['firebase'],
    ['digitalocean'],
    ['cloud architecture', 'cloud infrastructure', 'cloud native', 'cloud-native'],
  ],
  devops: [
    ['docker', 'containers', 'containerization', 'containerisation'],
    ['kubernetes', 'k8s', 'eks', 'gke', 'aks'],
    ['helm'],
    ['terraform'],
    ['pulumi'],
    ['ansible'],
    ['ci/cd', 'ci cd', 'cicd', 'continuous integration', 'continuous delivery', 'continuous deployment'],
    ['github actions'],
    ['gitlab ci', 'gitlab'],
    ['jenkins'],
    ['circleci'],
    ['git', 'version control'],
    ['linux', 'unix'],
    ['observability', 'monitoring', 'tracing'],
    ['prometheus'],
    ['grafana'],
    ['datadog'],
    ['opentelemetry', 'otel'],
    ['sre', 'site reliability engineering', 'site reliability'],
    ['infrastructure as code', 'iac'],
    ['incident management', 'incident response', 'on-call', 'on call'],
    ['networking', 'tcp/ip', 'dns'],
  ],
  database: [
    ['postgresql', 'postgres', 'psql'],
    ['mysql', 'mariadb'],
    ['sqlite'],
    ['sql server', 'mssql', 't-sql'],
    ['oracle', 'oracle db', 'pl/sql'],
    ['mongodb', 'mongo'],
    ['redis'],
    ['elasticsearch', 'opensearch'],
    ['cassandra'],
    ['dynamodb'],
    ['neo4j', 'graph databases', 'graph database'],
    ['clickhouse'],
    ['nosql'],
    ['orm', 'prisma', 'drizzle', 'sqlalchemy', 'hibernate', 'typeorm'],
    ['database design', 'schema design', 'query optimization', 'query optimisation', 'indexing'],
  ],
  testing: [
    ['unit testing', 'unit tests', 'unit test'],
    ['integration testing', 'integration tests'],
    ['end-to-end testing', 'e2e testing', 'e2e tests', 'end to end testing'],
    ['tdd', 'test-driven development', 'test driven development'],
    ['jest'],
    ['vitest'],
    ['mocha'],
    ['pytest'],
    ['junit'],
    ['cypress'],
    ['playwright'],
    ['selenium'],
    ['test automation', 'automated testing', 'qa automation'],
    ['performance testing', 'load testing'],
    ['manual testing', 'quality assurance', 'qa'],
  ],
  security: [
    ['application security', 'appsec', 'secure coding'],
    ['owasp'],
    ['penetration testing', 'pentesting', 'pen testing'],
    ['cryptography', 'encryption'],
    ['identity and access management', 'iam'],
    ['threat modeling', 'threat modelling'],
    ['network security'],
    ['gdpr', 'data protection', 'privacy'],
    ['soc 2', 'soc2', 'iso 27001'],
    ['authentication', 'authorization', 'authorisation'],
  ],
  architecture: [
    ['system design', 'systems design'],
    ['distributed systems', 'distributed system'],
    ['scalability', 'scalable', 'scaling'],
    ['high availability', 'fault tolerance', 'resilience'],
    ['caching', 'cdn'],
    ['event-driven architecture', 'event driven', 'event-driven', 'event sourcing', 'cqrs'],
    ['domain-driven design', 'domain driven design', 'ddd'],
    ['software architecture', 'architecture'],
    ['performance optimization', 'performance optimisation', 'performance tuning', 'profiling'],
    ['concurrency', 'multithreading', 'multi-threading', 'async programming'],
    ['data structures', 'algorithms'],
    ['object-oriented programming', 'oop', 'object oriented'],
    ['functional programming'],
    ['design patterns'],
    ['embedded systems', 'firmware', 'rtos'],
  ],
  practice: [
    ['agile', 'scrum', 'kanban'],
    ['code review', 'code reviews'],
    ['technical documentation', 'documentation', 'technical writing'],
    ['debugging', 'troubleshooting'],
    ['refactoring', 'legacy code'],
    ['pair programming'],
    ['open source', 'open-source'],
    ['devops culture', 'devops'],
    ['clean code'],
    ['technical debt', 'tech debt'],
    ['estimation'],
    ['release management'],
  ],
  product: [
    ['product management', 'product manager'],
    ['roadmapping', 'roadmap', 'product roadmap'],
    ['user research', 'customer research', 'user interviews'],
    ['product analytics', 'mixpanel', 'amplitude'],
    ['okrs', 'okr'],
    ['prioritization', 'prioritisation'],
    ['requirements gathering', 'requirements analysis', 'user stories'],
    ['go-to-market', 'go to market', 'gtm'],
    ['product discovery'],
    ['jira'],
  ],
  design: [
    ['ux', 'user experience', 'ux design'],
    ['ui', 'user interface', 'ui design'],
    ['figma'],
    ['sketch', '=Sketch'],
    ['prototyping', 'wireframing', 'wireframes'],
    ['design systems', 'design system'],
    ['usability testing'],
    ['interaction design'],
    ['visual design'],
    ['adobe creative suite', 'photoshop', 'illustrator'],
  ],
  business: [
    ['sales', 'b2b sales', 'business development'],
    ['marketing', 'digital marketing'],
    ['seo', 'search engine optimization', 'search engine optimisation'],
    ['content marketing', 'copywriting'],
    ['crm', 'salesforce', 'hubspot'],
    ['customer success', 'account management'],
    ['customer support', 'customer service'],
    ['project management', 'pmp', 'prince2'],
    ['budgeting', 'forecasting', 'financial modeling', 'financial modelling'],
    ['negotiation'],
    ['recruiting', 'talent acquisition'],
    ['business operations'],
    ['supply chain', 'logistics'],
    ['compliance', 'regulatory'],
    ['accounting', 'bookkeeping'],
    ['consulting'],
  ],
  soft: [
    ['communication', 'communication skills', 'communicate', 'communicating', 'written communication', 'verbal communication'],
    ['leadership', 'lead a team', 'led a team', 'team lead', 'leading teams'],
    ['mentoring', 'mentorship', 'coaching', 'mentor'],
    ['teamwork', 'collaboration', 'collaborative', 'cross-functional', 'cross functional'],
    ['problem solving', 'problem-solving'],
    ['stakeholder management', 'stakeholders', 'stakeholder'],
    ['ownership', 'accountability'],
    ['adaptability', 'ambiguity', 'fast-paced', 'fast paced'],
    ['time management', 'organisational skills', 'organizational skills'],
    ['critical thinking', 'analytical skills', 'analytical thinking'],
    ['attention to detail', 'detail-oriented', 'detail oriented'],
    ['conflict resolution'],
    ['presentation skills', 'public speaking', 'presenting'],
    ['customer focus', 'customer-centric', 'customer obsession', 'user-centric'],
    ['decision making', 'decision-making'],
    ['strategic thinking', 'strategy'],
    ['people management', 'line management', 'managing people', 'direct reports'],
    ['english', 'fluent english'],
  ],
};

export interface SkillDef {
  name: string;
  category: SkillCategory;
  aliases: string[];
}

export const SKILLS: readonly SkillDef[] = Object.entries(VOCABULARY).flatMap(([category, rows]) =>
  rows.map(([name, ...aliases]) => ({ name: name!, category: category as SkillCategory, aliases })),
);

const BY_NAME = new Map(SKILLS.map((s) => [s.name, s]));

export function getSkill(name: string): SkillDef | null {
  return BY_NAME.get(name.toLowerCase()) ?? null;
}

const BY_ALIAS = new Map<string, string>();
for (const s of SKILLS) {
  for (const term of [s.name, ...s.aliases]) {
    const key = normaliseSkillTerm(term.startsWith('=') ? term.slice(1) : term);
    if (!BY_ALIAS.has(key)) BY_ALIAS.set(key, s.name);
  }
}

/** Lower case, "-" and runs of spaces as one space, edge punctuation trimmed: the form labels and aliases are compared in. */
export function normaliseSkillTerm(term: string): string {
  return term
    .toLowerCase()
    .replace(/[\s-]+/g, ' ')
    .replace(/^[^\p{L}\p{N}.#+]+|[^\p{L}\p{N}#+]+$/gu, '')
    .trim();
}

/** The canonical name a term is written for, when the whole term is a name or alias in the vocabulary; else null. */
export function canonicalSkill(term: string): string | null {
  return BY_ALIAS.get(normaliseSkillTerm(term)) ?? null;
}

export function isSoftSkill(name: string): boolean {
  return getSkill(name)?.category === 'soft';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Spaces and hyphens inside a multi-word alias match any run of spaces or hyphens. */
function aliasPattern(alias: string): string {
  return alias
    .split(/[\s-]+/)
    .map(escapeRegExp)
    .join('[\\s-]+');
}

// "+", "#" and "." count as word characters at the edges so "c" never matches inside "c++"
// and "js" never matches inside "node.js"; a trailing full stop is still allowed after a skill.
const BEFORE = '(?<![A-Za-z0-9_+#.&])';
const AFTER = '(?![A-Za-z0-9_+#&]|\\.[A-Za-z0-9])';

interface Matcher {
  regex: RegExp;
  lookup: Map<string, string>;
  caseSensitive: boolean;
}

function buildMatcher(caseSensitive: boolean): Matcher {
  const lookup = new Map<string, string>();
  for (const skill of SKILLS) {
    const terms = caseSensitive ? skill.aliases.filter((a) => a.startsWith('=')).map((a) => a.slice(1)) : [skill.name, ...skill.aliases.filter((a) => !a.startsWith('='))];
    for (const term of terms) {
      // Case-sensitive entries stand in for the canonical name when the name itself is an
      // English word, so drop that name from the case-insensitive set.
      if (!caseSensitive && skill.aliases.some((a) => a.startsWith('=') && a.slice(1).toLowerCase() === term)) continue;
      const key = caseSensitive ? term : term.toLowerCase();
      if (!lookup.has(key)) lookup.set(key, skill.name);
    }
  }
  const terms = [...lookup.keys()].sort((a, b) => b.length - a.length);
  const regex = new RegExp(`${BEFORE}(${terms.map(aliasPattern).join('|')})${AFTER}`, caseSensitive ? 'g' : 'gi');
  return { regex, lookup, caseSensitive };
}

let matchers: [Matcher, Matcher] | null = null;

function normaliseMatch(text: string): string {
  return text.replace(/[\s-]+/g, ' ');
}

function lookupKey(m: Matcher, matched: string): string | undefined {
  const raw = m.caseSensitive ? matched : matched.toLowerCase();
  const direct = m.lookup.get(raw);
  if (direct) return direct;
  const spaced = normaliseMatch(raw);
  for (const [key, name] of m.lookup) {
    if (normaliseMatch(key) === spaced) return name;
  }
  return undefined;
}

export interface SkillMention {
  skill: string;
  index: number;
}

/** All skill mentions in the text, in order of appearance (one per occurrence). */
export function findSkillMentions(text: string): SkillMention[] {
  matchers ??= [buildMatcher(false), buildMatcher(true)];
  const out: SkillMention[] = [];
  for (const m of matchers) {
    m.regex.lastIndex = 0;
    for (const match of text.matchAll(m.regex)) {
      const skill = lookupKey(m, match[1] ?? match[0]);
      if (skill) out.push({ skill, index: match.index ?? 0 });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Distinct canonical skills in the text, in order of first appearance. */
export function findSkills(text: string): string[] {
  return [...new Set(findSkillMentions(text).map((m) => m.skill))];
}
