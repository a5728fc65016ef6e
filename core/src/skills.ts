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
  'healthcare',
  'education',
  'finance',
  'hospitality',
  'logistics',
  'retail',
  'people',
  'public',
  'construction',
  'marketing',
  'service',
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
    ['data analysis', 'data analytics', 'analytics', 'data-informed decision making', 'data-driven decision making', 'decisions with data', 'data-informed decisions', 'data-driven decisions', 'analysed data', 'analyzed data'],
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
    ['unit testing', 'unit tests', 'unit test', 'component tests'],
    ['integration testing', 'integration tests'],
    ['end-to-end testing', 'e2e testing', 'e2e tests', 'end to end testing', 'end-to-end tests', 'end to end tests'],
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
    ['pci dss', 'pci-dss', 'pci'],
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
    ['idempotency', 'idempotent', 'idempotency keys'],
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
    ['user research', 'customer research', 'user interviews', 'in-depth interviews', 'focus groups', 'discovery interviews', 'usability research'],
    ['product analytics', 'mixpanel', 'amplitude'],
    ['okrs', 'okr'],
    ['prioritization', 'prioritisation', 'prioritise', 'prioritised', 'prioritising', 'prioritize', 'prioritized', 'prioritizing'],
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
    ['customer support', 'customer service', 'served customers', 'serving customers', 'serve customers', 'guest experience', 'customer experience'],
    ['project management', 'pmp', 'prince2'],
    ['budgeting', 'forecasting', 'financial modeling', 'financial modelling', 'budget', 'budgets', 'forecast', 'forecasts'],
    ['negotiation'],
    ['recruiting', 'talent acquisition', 'recruitment', 'recruiter', 'recruit', 'recruited', 'hired'],
    ['business operations'],
    ['supply chain', 'logistics'],
    ['compliance', 'regulatory'],
    ['accounting', 'bookkeeping'],
    ['consulting'],
  ],
  healthcare: [
    ['patient care', 'nursing care', 'bedside care', 'caring for patients', 'cared for patients', 'cared for up to'],
    ['patient assessment', 'clinical assessment', 'assessing patients', 'assessed patients', 'news2', 'early warning score', 'recognising deterioration', 'recognizing deterioration', 'escalated deterioration', 'acutely unwell'],
    ['medication administration', 'administering medication', 'administered medication', 'administered iv', 'administering iv', 'iv medications', 'iv medication', 'drug rounds', 'medicines administration'],
    ['clinical documentation', 'care records', 'nursing notes', 'clinical records', 'documented in', 'electronic patient record', 'electronic health record', 'ehr', 'epr'],
    ['patient education', 'health education', 'educating patients', 'patient teaching', 'teach-back'],
    ['infection control', 'infection prevention'],
    ['wound care', 'wound management'],
    ['multidisciplinary team', 'multi-disciplinary team', 'mdt', 'multidisciplinary', 'multi-disciplinary'],
    ['nmc registration', 'nmc registered', 'nmc-registered', 'nmc pin', 'registered nurse', 'rn'],
    ['life support certification', 'bls', 'ils', 'als', 'basic life support', 'immediate life support', 'advanced life support'],
    ['discharge planning', 'safe discharges', 'discharge plans'],
    ['clinical background', 'clinical experience', 'healthcare experience', 'health care experience', 'occupational experience in health', 'healthcare background'],
    ['gphc registration', 'gphc registered', 'gphc-registered', 'registered pharmacy technician', 'gphc registration as'],
    ['dispensing', 'dispense', 'dispensed', 'dispensing prescriptions', 'dispensed prescriptions'],
    ['clinical checking', 'clinical checks', 'clinically checking'],
    ['patient counselling', 'patient counseling', 'counseled patients', 'counselling patients'],
    ['controlled drugs', 'cd register', 'cd audits'],
    ['medicines reconciliation', 'medication reconciliation', 'medicines reconciliations'],
    ['accuracy checking', 'accuracy checking technician', 'act qualification'],
    ['vaccination', 'vaccinations', 'immunisation', 'immunization', 'flu jabs'],
    ['independent prescribing', 'non-medical prescriber'],
  ],
  education: [
    ['qts'],
    ['teaching qualification', 'pgce', 'award in education and training', 'aet', 'pgde', 'cert ed', 'teaching certificate'],
    ['lesson planning', 'planned lessons', 'planning lessons', 'plans and teaches', 'planned and delivered', 'plan and deliver', 'planning and delivering', 'lesson plans', 'planned the full curriculum', 'curriculum planning'],
    ['classroom management', 'behaviour management', 'behavior management', 'managing behaviour', 'managing behavior', 'behaviour policy'],
    ['differentiation', 'differentiate', 'differentiated', 'differentiating', 'mixed-ability', 'mixed ability', 'adaptive teaching'],
    ['send', '=SEND', 'special educational needs', '=SEN', 'senco', 'autism', 'adhd'],
    ['assessment data', 'formative assessment', 'pupil progress', 'uses assessment', 'assessment for learning'],
    ['assessment and feedback', 'assessed competencies', 'gave feedback', 'marking and feedback', 'giving feedback'],
    ['mathematics teaching', 'maths teacher', 'math teacher', 'teach mathematics', 'teach maths', 'teaching maths'],
    ['a-level teaching', 'a-level', 'a level', 'a-levels', 'a levels'],
    ['intervention', 'interventions', 'intervention sessions', 'intervention programs'],
    ['working with children', 'children aged', 'group of children', 'young people', 'with children'],
    ['parent communication', 'communicates well with parents', 'relationships with parents', 'parent meetings', 'parents evening', 'parents’ evening', "parents' evening"],
    ['subject leadership', 'subject lead', 'phonics lead', 'leading a subject', 'head of department'],
    ['safeguarding', 'child protection', 'section 47', 'safeguarding training', 'vulnerable adults'],
    ['makaton', 'british sign language', '=BSL'],
    ['btec', 't level', 't levels'],
    ['training', 'trained new', 'trained staff', 'trained teaching assistants', 'training staff', 'train staff', 'delivered training', 'training for', 'trained', 'train'],
  ],
  finance: [
    ['chartered accountant', '=ACA', 'acca', '=ACCA', 'cima', '=CIMA', 'icaew', 'cima-qualified', 'acca qualified', 'aca qualified', 'chartered accountancy', 'cpa'],
    ['aat', '=AAT', 'aat level 3', 'aat qualification'],
    ['external audit', 'year end audits', 'statutory audit'],
    ['internal controls', 'controls testing'],
    ['risk assessment', 'assess risk', 'risk assessments', 'risk-based'],
    ['frs 102'],
    ['ifrs', 'international financial reporting standards'],
    ['audit data analytics', '=IDEA', 'alteryx', 'caseware idea'],
    ['month-end close', 'month end close', 'month-end', 'month end', 'management accounts', 'period end'],
    ['variance analysis', 'variance reporting', 'variances'],
    ['invoice processing', 'processed invoices', 'processing invoices', 'supplier invoices', 'processed around', 'purchase orders', 'purchase order'],
    ['supplier reconciliation', 'supplier reconciliations', 'supplier statement reconciliation', 'supplier statements'],
    ['payment runs', 'payment run', 'bacs runs'],
    ['accounting software', 'xero', 'sage', 'sage 50', 'quickbooks'],
    ['erp', 'sap', '=SAP', 'oracle financials', 'netsuite', 'dynamics 365', 'sap mm'],
    ['financial reporting', 'board reporting', 'board packs', 'reporting packs'],
    ['not-for-profit', 'not for profit', 'charity sector', 'third sector', 'non-profit', 'nonprofit'],
  ],
  hospitality: [
    ['front office', 'reception desk', 'receptionist', 'guest check-in', 'check-in and check-out'],
    ['property management system', 'opera', 'pms', '=PMS', 'hotel pms'],
    ['complaint handling', 'handling complaints', 'handled complaints', 'customer complaints', 'handling escalations', 'complaints', 'escalation handling', 'escalations'],
    ['cash handling', 'handling cash', 'tills', 'on the till', 'work the till', 'cash-up', ],
    ['rota planning', 'rotas', 'rota', 'rostering', 'shift planning', 'scheduling shifts', 'weekly rotas'],
    ['food safety', 'food hygiene', 'haccp', 'food safety level', 'temperature logs'],
    ['level 3 food safety', 'level 3 food hygiene', 'level 3 food safety'],
    ['menu development', 'menu design', 'new dishes', 'wrote the menu', 'write the spring menu', 'menu costing'],
    ['kitchen experience', 'chef de partie', 'sous chef', 'commis chef', 'head chef', 'line cook', 'fresh-food kitchen'],
    ['cost control', 'controlled labour costs', 'labour costs', 'cost-control', 'gp targets', 'gross profit', 'controlled costs'],
  ],
  logistics: [
    ['warehouse management system', 'wms', 'manhattan'],
    ['order picking', 'pick and pack', 'picking', 'pick, pack', 'pickers'],
    ['rf scanner', 'handheld scanner', 'handheld scanners', 'hand-held scanner', 'barcode scanner'],
    ['forklift licence', 'forklift license', 'counterbalance', 'flt licence', 'forklift'],
    ['stock control', 'stock counts', 'stock count', 'stock management', 'stock checks', 'stock take', 'stocktake', 'ordering stock', 'ordered stock', 'stock replenishment', 'replenished stock', 'replenish stock'],
    ['inventory management', 'inventory planning', 'inventory optimisation', 'inventory optimization', 'safety stock', 'safety-stock'],
    ['demand forecasting', 'demand forecast', 'demand forecasts', 'demand planning'],
    ['supplier management', 'working with suppliers', 'worked with suppliers', 'supplier relationships', 'suppliers and logistics partners'],
    ['route planning', 'planning routes', 'routing'],
    ['drivers hours', 'tachograph', 'tachographs'],
    ['transport management system', 'paragon', 'descartes', 'tms'],
    ['transport manager cpc', '=CPC'],
    ['shift work', 'night shifts', 'night shift', 'work nights', ],
    ['health and safety', 'health & safety', 'safety procedures', 'safe working', 'risk assessments', 'h&s'],
    ['iosh', 'nebosh'],
    ['kpis', 'kpi', 'key performance indicators', 'productivity targets'],
    ['driving licence', 'driving license', "driver's licence", 'full driving licence'],
  ],
  retail: [
    ['retail management', 'store management', 'retail manager'],
    ['visual merchandising', 'merchandising', 'dressed the window', 'window displays', 'shop floor looking'],
    ['loss prevention', 'shrinkage'],
    ['sales targets', 'target-driven', 'target driven', 'quota', 'hit targets'],
    ['p&l', 'profit and loss', 'p & l'],
    ['store opening', 'new store opening', 'store launches'],
  ],
  people: [
    ['employee relations', 'disciplinaries', 'grievances', 'disciplinary', 'grievance', 'er casework'],
    ['employment law', 'employment legislation'],
    ['onboarding', 'induction', 'inductions', 'customer onboarding', 'onboarding customers'],
    ['hr administration', 'employee records'],
    ['payroll'],
    ['cipd', '=CIPD'],
    ['hris', 'bamboohr', 'workday', 'hr system', 'hr information system'],
    ['sourcing', 'headhunting', 'linkedin recruiter', 'sourced candidates', 'sourced on'],
    ['ats', '=ATS', 'applicant tracking system', 'greenhouse', 'workable'],
    ['employer branding', 'employer brand'],
    ['team supervision', 'supervised', 'supervising', 'supervise', 'supervisor'],
    ['team leadership', 'team leader', 'lead a team', 'led teams', 'lead and motivate', 'leading and training'],
  ],
  public: [
    ['casework', 'caseload', 'case management'],
    ['housing legislation', 'housing law'],
    ['record keeping', 'accurate records', 'record-keeping'],
    ['multi-agency working', 'multi agency', 'multi-agency', 'partner agencies', 'worked closely with schools, health and police'],
    ['policy development', 'policy adviser', 'policy advisor', 'policy work', 'drafted briefings', 'drafting briefings', 'cabinet reports'],
    ['research', 'researcher', 'quantitative research', 'qualitative research', 'research and analysis'],
    ['local government', 'city council', 'county council', 'local authority', 'borough council'],
    ['social work registration', 'social work england', 'hcpc registered social worker', 'registered social worker'],
    ['assessment', 'child and family assessments', 'needs assessments', 'assessment and care planning', 'care plans', 'care planning'],
    ['report writing', 'court reports', 'wrote reports', 'writing reports', 'written reports'],
  ],
  construction: [
    ['civil engineering degree', 'beng civil engineering', 'bsc civil engineering', 'degree in civil engineering'],
    ['autocad'],
    ['drainage design', 'drainage'],
    ['flood risk', 'flood modelling'],
    ['drainage modelling software', 'microdrainage', 'infodrainage'],
    ['setting out', 'set out', 'total station', 'gps rover'],
    ['technical drawings', 'reading drawings', 'drawings and specifications', 'against drawings'],
    ['quality control', 'quality records', 'itps', 'itp', 'inspection records', 'quality inspection'],
    ['subcontractor coordination', 'coordinated subcontractors', 'coordinating subcontractors', 'subcontractors'],
    ['cscs', '=CSCS', 'cscs card', 'smsts'],
    ['temporary works'],
    ['eurocodes', 'eurocode', 'structural calculations'],
  ],
  marketing: [
    ['social media', 'social media management', 'instagram', 'facebook', 'tiktok', 'linkedin content'],
    ['email marketing', 'mailchimp', 'newsletter', 'email campaigns'],
    ['web analytics', 'google analytics', 'ga4', 'google analytics 4'],
    ['paid search', 'google ads', 'ppc', 'pay per click', 'sem'],
    ['typography', 'typesetting'],
    ['print production', 'print files', 'preparing files for print', 'print-ready', 'artwork for print'],
    ['portfolio', 'design portfolio'],
    ['motion design', 'motion graphics', 'after effects', 'animation'],
    ['survey design', 'designed surveys', 'questionnaire design', 'surveys'],
    ['synthesis', 'synthesising findings', 'synthesizing findings', 'coded the transcripts', 'affinity mapping', 'insight decks', 'findings into'],
    ['research repository', 'dovetail'],
  ],
  service: [
    ['relationship building', 'relationship management', 'building relationships', 'positive relationships', 'rapport'],
    ['prospecting', 'outbound prospecting', 'lead generation', 'outbound'],
    ['cold calling', 'cold calls', 'cold-calling'],
    ['lead qualification', 'qualifying leads', 'lead qualifying', 'discovery calls'],
    ['pipeline management', 'managed pipeline', 'sales pipeline'],
    ['quota attainment', 'of quota', 'exceeding quota', 'exceeded quota'],
    ['meddic', 'meddpicc'],
    ['selling to finance', 'finance teams', 'cfo buyers'],
    ['ticketing system', 'ticketing systems', 'servicenow', 'zendesk', 'freshdesk', 'jira service desk'],
    ['workspace administration', 'google workspace', 'microsoft 365', 'office 365', 'm365', 'google workspace admin'],
    ['active directory', 'entra id', 'azure ad'],
    ['siem', 'splunk', 'sentinel', 'qradar'],
    ['security certification', 'security+', 'comptia security+', 'cissp', 'cysa+'],
    ['second language', 'bilingual', 'languages:', 'fluent spanish', 'fluent french', 'french (fluent)'],
    ['resilience', 'resilient'],
  ],
  soft: [
    ['communication', 'communication skills', 'communicate', 'communicating', 'written communication', 'verbal communication'],
    ['leadership', 'lead a team', 'led a team', 'team lead', 'leading teams'],
    ['mentoring', 'mentorship', 'coaching', 'mentor', 'mentored', 'mentors', 'coached', 'practice assessor', 'supported student'],
    ['teamwork', 'collaboration', 'collaborative', 'cross-functional', 'cross functional'],
    ['problem solving', 'problem-solving'],
    ['stakeholder management', 'stakeholders', 'stakeholder', 'communication with stakeholders', 'stakeholder engagement', 'hiring managers', 'consultation', 'consultations'],
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

/**
 * Licences and registrations a job cannot be done without when it requires them: missing one
 * caps the fit score, whatever else matches.
 */
export const CREDENTIALS: ReadonlySet<string> = new Set(['nmc registration', 'gphc registration', 'qts', 'social work registration', 'chartered accountant', 'cscs', 'driving licence', 'forklift licence', 'transport manager cpc']);

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
  /** Index just past the matched words. */
  end: number;
}

/** All skill mentions in the text, in order of appearance (one per occurrence). */
export function findSkillMentions(text: string): SkillMention[] {
  matchers ??= [buildMatcher(false), buildMatcher(true)];
  const out: SkillMention[] = [];
  for (const m of matchers) {
    m.regex.lastIndex = 0;
    for (const match of text.matchAll(m.regex)) {
      const skill = lookupKey(m, match[1] ?? match[0]);
      if (skill) out.push({ skill, index: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Distinct canonical skills in the text, in order of first appearance. */
export function findSkills(text: string): string[] {
  return [...new Set(findSkillMentions(text).map((m) => m.skill))];
}

/**
 * What a recruiter reads between the lines of a CV: a skill implied by another one
 * ("TypeScript" ⇒ JavaScript, "RabbitMQ" ⇒ message queues and event-driven architecture,
 * never Kafka) or by what the person says they did ("Designed PostgreSQL schemas" ⇒ database
 * design). Each rule names the words that justify it, so the analysis can show its evidence.
 */
const IMPLIES: Record<string, string[]> = {
  typescript: ['javascript'],
  react: ['javascript'],
  vue: ['javascript'],
  angular: ['javascript'],
  'node.js': ['javascript'],
  'next.js': ['react', 'javascript'],
  nestjs: ['node.js', 'javascript'],
  'express.js': ['node.js', 'javascript'],
  django: ['python'],
  flask: ['python'],
  fastapi: ['python'],
  pandas: ['python'],
  pytorch: ['python'],
  spring: ['java'],
  postgresql: ['sql'],
  mysql: ['sql'],
  'sql server': ['sql'],
  sqlite: ['sql'],
  kubernetes: ['docker'],
  rabbitmq: ['message queues', 'event-driven architecture'],
  kafka: ['message queues', 'event-driven architecture'],
  'github actions': ['ci/cd', 'git'],
  'gitlab ci': ['ci/cd', 'git'],
  jenkins: ['ci/cd'],
  tableau: ['data visualization'],
  'power bi': ['data visualization'],
  looker: ['data visualization'],
  'usability testing': ['user research'],
  'user research': ['research'],
  'quota attainment': ['sales'],
  'pipeline management': ['crm'],
  'team supervision': ['team leadership'],
  'nmc registration': ['patient care', 'clinical background'],
  'patient education': ['communication'],
  'patient counselling': ['communication'],
  'gphc registration': ['clinical background'],
  'medicines reconciliation': ['clinical background'],
  'complaint handling': ['customer support'],
  'front office': ['customer support'],
  'chartered accountant': ['accounting'],
  'social work registration': ['safeguarding'],
  'month-end close': ['accounting'],
};

interface EvidenceRule {
  skill: string;
  re: RegExp;
}

// Phrases, not single words: each must read as first-hand evidence in a CV line.
const EVIDENCE_RULES: EvidenceRule[] = [
  { skill: 'database design', re: /\b(designed|designing|modell?ed|normali[sz]ed)\b[^.\n]{0,40}\b(schemas?|data ?models?|tables)\b/i },
  { skill: 'event-driven architecture', re: /\b(event[\s-]?(driven|based|pipeline|bus|sourcing)|events? (pipeline|stream)|pub\/?sub|message broker|sqs|sns|nats)\b/i },
  { skill: 'message queues', re: /\b(sqs|activemq|nats|message broker|queues?)\b/i },
  { skill: 'team leadership', re: /\b(led|lead|leading|managed|managing|supervised|ran|run|deputi[sz]ed)\b[^.\n]{0,50}\b(team|teams|staff|section|sections|shift|squad|crew|colleagues|restaurant|store|kitchen|\d+ (people|staff|employees|soldiers|pickers))\b/i },
  { skill: 'communication', re: /\b(presented|presenting|presentations?|patient education|explained|briefings?|wrote (reports|briefings|guides)|taught|teaching|delivered training|demos?|newsletter|public speaking|counsell?ed|parents|customers|guests|families)\b/i },
  { skill: 'stakeholder management', re: /\b((worked|working|coordinated|liaised|collaborated)( closely)? with\b[^.\n]{0,60}\b(teams?|departments?|heads|managers|doctors|clients|families|partners|agencies|police|schools|underwriters|stakeholders|suppliers)|department heads|hiring managers|with stakeholders)\b/i },
  { skill: 'relationship building', re: /\b(relationships?|rapport|families|account management|repeat customers|long-term clients)\b/i },
  { skill: 'teamwork', re: /\b((worked|working) (closely )?with|in a squad|in a team|team player|with my (year|team) partner|alongside|partnered with)\b/i },
  { skill: 'customer support', re: /\b(served|serving|helped|dealt with|handled) (customers|guests|clients|patients)|\bcustomers? at the counter\b|\bguest (feedback|reviews)\b|\bfront[\s-]of[\s-]house\b/i },
  { skill: 'training', re: /\b(trained|coached|onboarded|taught)\b[^.\n]{0,40}\b(staff|team|colleagues|advisors|new|juniors?|assistants|nurses|receptionists|starters)\b/i },
  { skill: 'lesson planning', re: /\b(designed|planned|prepared) and delivered\b[^.\n]{0,40}\b(training|sessions|lessons|courses|workshops|teaching)\b/i },
  { skill: 'clinical background', re: /\b(nurse|nursing|clinical|hospital|ward|pharmacist|paramedic|midwife|physiotherapist|doctor)\b/i },
  { skill: 'parent communication', re: /\b(parents?)\b[^.\n]{0,30}\b(relationships?|meetings?|evenings?|communicat\w*|phoned|calls?)\b|\b(relationships?|meetings?|phoned|calls?) with parents\b/i },
  { skill: 'data analysis', re: /\b(analy[sz]ed|analysis of|reports? on|insights?|dashboards?)\b/i },
  { skill: 'debugging', re: /\b(fixed|resolved|diagnosed|troubleshot)\b[^.\n]{0,30}\b(problems?|issues?|faults?|bugs?|errors?)\b/i },
  { skill: 'content marketing', re: /\b(wrote|writing|write)\b[^.\n]{0,30}\b(newsletter|copy|blog|posts|content|articles)\b/i },
  { skill: 'requirements gathering', re: /\b(gathered|gathering|captured|elicited) requirements\b|\buser stories\b/i },
  { skill: 'research', re: /\b(research(ed|er)?|surveys?|focus groups|interviews)\b/i },
];

export interface InferredSkill {
  skill: string;
  /** The words in the text, or the skill, the inference rests on. */
  evidence: string;
}

/** Skills implied by the text beyond those it names (see IMPLIES and EVIDENCE_RULES). */
export function inferSkills(text: string, named: readonly string[] = findSkills(text)): InferredSkill[] {
  const have = new Set(named);
  const out: InferredSkill[] = [];
  const add = (skill: string, evidence: string) => {
    if (have.has(skill) || !BY_NAME.has(skill)) return;
    have.add(skill);
    out.push({ skill, evidence });
  };
  for (const rule of EVIDENCE_RULES) {
    const m = rule.re.exec(text);
    if (m) add(rule.skill, m[0].trim());
  }
  // A CV written in fluent English shows the English a job asks for.
  if ((text.match(/\b(the|and|with|for|of|to|in|on)\b/gi)?.length ?? 0) >= 6) add('english', 'the CV is written in English');
  // Implications run to a fixed point so next.js ⇒ react ⇒ javascript.
  for (let changed = true; changed; ) {
    changed = false;
    for (const skill of [...have]) {
      for (const implied of IMPLIES[skill] ?? []) {
        if (!have.has(implied) && BY_NAME.has(implied)) {
          add(implied, skill);
          changed = true;
        }
      }
    }
  }
  return out;
}

// Words that say nothing about which skill is meant: "management" in "classroom management" is
// not what makes it classroom management.
const GENERIC_WORDS = new Set([
  'management', 'manage', 'managing', 'skills', 'skill', 'experience', 'knowledge', 'awareness', 'ability', 'understanding',
  'strong', 'good', 'excellent', 'working', 'work', 'basic', 'advanced', 'and', 'the', 'of', 'with', 'for', 'in', 'a', 'an',
  'to', 'on', 'or', 'at', 'by', 'as', 'using', 'use', 'general', 'general', 'effective',
]);

function stem(word: string): string {
  const w = word.toLowerCase();
  const s = w.replace(/(ations?|ings?|ments?|ions?|ers?|ed|es|s|ly|ive|al)$/, '');
  return s.length >= 4 ? s : w;
}

/**
 * A line of the text that names every distinctive word of the skill or one of its multi-word
 * aliases, in any inflection and order ("kept a calm, well-ordered classroom" for classroom
 * management; "supervised the night team" for team supervision). The fallback a careful reader
 * uses when the CV describes a skill instead of naming it. Null when no line does.
 */
export function findSkillEvidence(skill: string, text: string): string | null {
  const def = getSkill(skill);
  if (!def) return null;
  // Multi-word terms, and single words long enough that their stem is still specific ("dispensed" for dispensing).
  const terms = [def.name, ...def.aliases.filter((a) => !a.startsWith('='))].filter((t) => /\s/.test(t.trim()) || stem(t).length >= 6);
  const lines = text.split(/\r?\n|(?<=[.;!?])\s+/).map((l) => ({ raw: l, words: (l.toLowerCase().match(/[\p{L}\p{N}+#&]+/gu) ?? []) }));
  for (const term of terms) {
    const stems = (term.toLowerCase().match(/[\p{L}\p{N}+#&]+/gu) ?? []).filter((w) => !GENERIC_WORDS.has(w)).map(stem);
    // One- and two-letter words ("t level") match almost any line.
    if (!stems.length || stems.some((x) => x.length < 3)) continue;
    for (const line of lines) {
      if (stems.every((s) => line.words.some((w) => w.startsWith(s)))) return line.raw.trim().slice(0, 120);
    }
  }
  return null;
}
