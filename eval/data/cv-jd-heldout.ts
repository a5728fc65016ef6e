/**
 * Held-out CV/JD pairs: written first, before any rule change, and never inspected per item while
 * tuning. Only their aggregate numbers are read. All people and employers are invented.
 */
import type { CvJdCase } from './types.js';

export const HELDOUT_CV_JD: CvJdCase[] = [
  {
    id: 'h-teacher-maths',
    split: 'heldout',
    occupation: 'teaching',
    profile: 'direct match',
    role: 'Teacher of Mathematics',
    seniority: 'mid',
    cv: `Mathematics teacher with six years in state secondary schools.
Hollins Academy, Teacher of Maths, 2019 – present
- Teach KS3 and GCSE maths to mixed-ability classes of up to 30; kept a calm, well-ordered classroom with clear routines.
- Planned differentiated lessons, including adapted resources for pupils with SEND.
- Tracked progress with termly assessment data and adjusted teaching; grade 4+ pass rate in my classes rose from 61% to 74%.
- Ran after-school intervention groups for Year 11.
Education: BSc Mathematics; PGCE Secondary Mathematics; QTS awarded 2019.`,
    jd: `Teacher of Mathematics (KS3–KS4)
We are looking for an enthusiastic mathematics teacher to join a supportive department.
Requirements:
- Qualified Teacher Status (QTS)
- Experience teaching mathematics at KS3 and GCSE
- Strong classroom and behaviour management
- Able to differentiate for mixed-ability groups and pupils with SEND
- Uses assessment data to track pupil progress
Desirable:
- Experience teaching A-level mathematics
- Experience running intervention programmes`,
    labels: {
      required: ['qts', 'mathematics teaching', 'classroom management', 'differentiation', 'send', 'assessment data'],
      niceToHave: ['a-level teaching', 'intervention'],
      gaps: ['a-level teaching'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'h-pharmacist',
    split: 'heldout',
    occupation: 'pharmacy',
    profile: 'direct match',
    role: 'Community Pharmacist',
    seniority: 'mid',
    cv: `GPhC-registered pharmacist, MPharm (2018).
Well Street Pharmacy, Pharmacist, 2019 – present
- Clinically checked and dispensed around 300 prescriptions a day, catching and resolving interaction problems with GPs.
- Delivered the New Medicine Service and flu vaccinations; counselled patients on inhalers and anticoagulants.
- Managed the controlled drugs register and passed every CD audit.
- Supervised two dispensers and a pre-registration trainee.`,
    jd: `Community Pharmacist – full time
You will be responsible for the safe and effective running of the pharmacy.
Essential:
- GPhC registration as a pharmacist
- Accurate dispensing and clinical checking of prescriptions
- Patient counselling and medicines advice
- Controlled drugs management
- Supervising and developing the pharmacy team
Nice to have:
- Independent prescriber qualification
- Experience delivering vaccination services`,
    labels: {
      required: ['gphc registration', 'dispensing', 'clinical checking', 'patient counselling', 'controlled drugs', 'team supervision'],
      niceToHave: ['independent prescribing', 'vaccination'],
      gaps: ['independent prescribing'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'h-hotel-front-office',
    split: 'heldout',
    occupation: 'hospitality',
    profile: 'junior',
    role: 'Front Office Supervisor',
    seniority: 'mid',
    cv: `Front desk receptionist, Harbour View Hotel (120 rooms), 2022 – present
- Checked guests in and out, handled reservations and payments on Opera PMS.
- Dealt with guest complaints calmly and turned several into positive reviews.
- Trained three new receptionists on night audit procedures.
Before that: waitress at a seaside café (2020 – 2022).
Languages: English, Spanish (fluent).`,
    jd: `Front Office Supervisor
Lead our front desk team in a busy 200-room city hotel.
What you'll need:
- At least 3 years of front office experience, including supervising a shift
- Experience with a property management system (Opera preferred)
- Excellent guest service and complaint handling
- Cash handling and end-of-day reconciliation
- Rota planning for the reception team
Bonus: a second language.`,
    labels: {
      required: ['front office', 'team supervision', 'property management system', 'customer service', 'complaint handling', 'cash handling', 'rota planning'],
      niceToHave: ['second language'],
      gaps: ['team supervision', 'rota planning'],
      fitBand: [45, 75],
    },
  },
  {
    id: 'h-auditor',
    split: 'heldout',
    occupation: 'finance/audit',
    profile: 'direct match',
    role: 'Audit Senior',
    seniority: 'senior',
    cv: `ACA chartered accountant (ICAEW, 2021).
Brook & Lane LLP, Audit Semi-senior then Audit Senior, 2018 – present
- Ran year-end audits of private companies with turnover up to £80m under UK GAAP (FRS 102) and IFRS.
- Planned audits, assessed risk, led fieldwork teams of up to four and reviewed juniors' working papers.
- Tested internal controls over revenue and payroll, drafted management letters.
- Heavy Excel user; CaseWare for audit files.`,
    jd: `Audit Senior – external audit
Requirements
- ACA, ACCA or equivalent qualification
- Experience of external audit engagements from planning to completion
- Knowledge of FRS 102 and IFRS
- Risk assessment and testing of internal controls
- Supervising and coaching junior staff
Preferred
- Experience with data analytics tools for audit (e.g. IDEA or Alteryx)
- Experience in the not-for-profit sector`,
    labels: {
      required: ['chartered accountant', 'external audit', 'frs 102', 'ifrs', 'risk assessment', 'internal controls', 'mentoring'],
      niceToHave: ['audit data analytics', 'not-for-profit'],
      gaps: ['audit data analytics', 'not-for-profit'],
      fitBand: [70, 95],
    },
  },
  {
    id: 'h-civil-engineer',
    split: 'heldout',
    occupation: 'civil engineering',
    profile: 'junior',
    role: 'Graduate Civil Engineer',
    seniority: 'junior',
    cv: `MEng Civil Engineering, University of Leeds, 2024 (First).
Summer placement, Marlow Consulting Engineers, 2023
- Drafted drainage layouts in AutoCAD Civil 3D for a 40-home residential scheme.
- Ran simple beam and slab checks to Eurocode 2 under supervision.
Final-year project: flood risk assessment of a river catchment using HEC-RAS.
Working towards chartership (ICE student member).`,
    jd: `Graduate Civil Engineer – infrastructure
Join our highways and drainage team.
You will have:
- A civil engineering degree (BEng/MEng)
- Working knowledge of AutoCAD or Civil 3D
- Understanding of drainage design and flood risk
- Good written communication for reports
It would be great if you also have:
- Experience with MicroDrainage or InfoDrainage
- A full UK driving licence`,
    labels: {
      required: ['civil engineering degree', 'autocad', 'drainage design', 'flood risk', 'written communication'],
      niceToHave: ['drainage modelling software', 'driving licence'],
      gaps: ['written communication', 'drainage modelling software', 'driving licence'],
      fitBand: [60, 90],
    },
  },
  {
    id: 'h-warehouse-supervisor',
    split: 'heldout',
    occupation: 'logistics/warehouse',
    profile: 'internal step up',
    role: 'Warehouse Shift Supervisor',
    seniority: 'mid',
    cv: `Warehouse operative and team leader, Northgate Distribution, 2017 – present
- Picked and packed orders using handheld RF scanners in a WMS (Manhattan).
- Counterbalance and reach truck licences; zero accidents in seven years.
- Covered as team leader on nights for 12 pickers, hitting 98% pick accuracy.
- Ran weekly stock counts and investigated discrepancies.`,
    jd: `Warehouse Shift Supervisor
Responsibilities: run a shift of 25 colleagues, hit productivity and accuracy targets, keep the site safe.
Must have:
- Experience leading a team in a warehouse or distribution centre
- Knowledge of warehouse management systems
- Health and safety awareness (IOSH is a plus)
- Stock control and inventory accuracy
- Good with KPIs and shift reporting in Excel`,
    labels: {
      required: ['team leadership', 'warehouse management system', 'health and safety', 'stock control', 'kpis', 'excel'],
      niceToHave: ['iosh'],
      gaps: ['excel', 'iosh'],
      fitBand: [60, 90],
    },
  },
  {
    id: 'h-retail-manager',
    split: 'heldout',
    occupation: 'retail',
    profile: 'direct match',
    role: 'Store Manager',
    seniority: 'lead',
    cv: `Assistant Store Manager, Fenwick Outdoor, 2020 – present
- Deputised for the store manager in a £3m-turnover store with 18 staff.
- Recruited, trained and coached sales advisors; cut staff turnover from 40% to 22%.
- Owned visual merchandising and weekly sales reporting; grew footwear sales 15% year on year.
- Handled stock loss prevention and cash office.
Sales Advisor, Fenwick Outdoor, 2017 – 2020.`,
    jd: `Store Manager
You will lead the store to deliver sales targets and a great customer experience.
What we're looking for:
- Proven retail management experience
- Recruiting, training and developing a team
- Commercial awareness: sales targets, KPIs and P&L
- Visual merchandising standards
- Stock management and loss prevention
Desirable: experience opening a new store.`,
    labels: {
      required: ['retail management', 'recruiting', 'training', 'sales targets', 'p&l', 'visual merchandising', 'loss prevention'],
      niceToHave: ['store opening'],
      gaps: ['p&l', 'store opening'],
      fitBand: [65, 92],
    },
  },
  {
    id: 'h-hr-generalist',
    split: 'heldout',
    occupation: 'human resources',
    profile: 'career changer (office manager)',
    role: 'HR Generalist',
    seniority: 'mid',
    cv: `Office Manager, Pattern Studio (35 staff), 2019 – present
- Ran onboarding for new starters and kept personnel records up to date.
- Processed monthly payroll inputs with our external provider.
- Organised team events and managed office suppliers and budgets.
- Currently studying for the CIPD Level 3 Certificate in People Practice.`,
    jd: `HR Generalist
Requirements:
- Experience of employee relations casework (disciplinaries, grievances, absence)
- Sound knowledge of UK employment law
- Onboarding and HR administration
- Payroll administration
- CIPD Level 5 or working towards it
Nice to have:
- Experience with an HRIS such as BambooHR or Workday`,
    labels: {
      required: ['employee relations', 'employment law', 'onboarding', 'hr administration', 'payroll', 'cipd'],
      niceToHave: ['hris'],
      gaps: ['employee relations', 'employment law', 'hris'],
      fitBand: [35, 65],
    },
  },
  {
    id: 'h-sdr',
    split: 'heldout',
    occupation: 'sales',
    profile: 'junior career changer (hospitality)',
    role: 'Sales Development Representative',
    seniority: 'junior',
    cv: `Bar supervisor, The Crown, 2021 – present
- Upsold wine and events packages; bookings for private events up 30%.
- Handled busy shifts and difficult customers.
Volunteer fundraiser, Shelter, 2020: door-to-door, signed up 60 regular donors in three months.
Completed a HubSpot Inbound Sales certification.`,
    jd: `Sales Development Representative (entry level)
No previous tech sales experience needed.
You will: prospect into new accounts, run cold calling and email outreach, qualify leads and book meetings for Account Executives, and keep the CRM up to date.
About you:
- Resilient and target-driven
- Confident communicator on the phone
- Familiarity with Salesforce or HubSpot is a plus`,
    labels: {
      required: ['prospecting', 'cold calling', 'lead qualification', 'crm', 'resilience', 'sales targets', 'communication'],
      niceToHave: [],
      gaps: ['prospecting', 'cold calling', 'lead qualification'],
      fitBand: [40, 75],
    },
  },
  {
    id: 'h-soc-analyst',
    split: 'heldout',
    occupation: 'cyber security',
    profile: 'mismatch (warehouse operative)',
    role: 'SOC Analyst',
    seniority: 'junior',
    cv: `Warehouse operative, Fastlane Logistics, 2019 – present
- Loaded and unloaded trailers, picked orders to 99% accuracy.
- Reach truck licence.
- Reliable team player on rotating shifts.`,
    jd: `SOC Analyst (Tier 1)
Monitor, triage and escalate security alerts in our 24/7 Security Operations Centre.
Requirements:
- Experience with a SIEM such as Splunk or Microsoft Sentinel
- Understanding of networking (TCP/IP, DNS) and common attack techniques
- Incident response basics
- Willingness to work shifts
Preferred: Security+ or similar certification.`,
    labels: {
      required: ['siem', 'networking', 'incident response', 'shift work'],
      niceToHave: ['security certification'],
      gaps: ['siem', 'networking', 'incident response', 'security certification'],
      fitBand: [0, 25],
    },
  },
  {
    id: 'h-ux-designer',
    split: 'heldout',
    occupation: 'design/UX',
    profile: 'direct match',
    role: 'Product Designer',
    seniority: 'mid',
    cv: `Product Designer, Tally (fintech), 2020 – present
- Ran discovery interviews with small-business owners and turned findings into journey maps.
- Designed and prototyped the new invoicing flow in Figma; moderated usability tests with 12 users before launch.
- Built and maintained our component library with engineers.
- Worked in a squad with a PM and five engineers.`,
    jd: `Product Designer
You'll own end-to-end design for one of our product squads.
Must have:
- Strong portfolio of interaction design for web or mobile products
- User research and usability testing
- Prototyping in Figma
- Experience contributing to a design system
- Close collaboration with product and engineering
Nice to have:
- Accessibility (WCAG) expertise
- Motion design`,
    labels: {
      required: ['interaction design', 'user research', 'usability testing', 'prototyping', 'figma', 'design systems', 'collaboration'],
      niceToHave: ['accessibility', 'motion design'],
      gaps: ['accessibility', 'motion design'],
      fitBand: [70, 95],
    },
  },
  {
    id: 'h-data-analyst',
    split: 'heldout',
    occupation: 'data/analytics',
    profile: 'career changer (teacher)',
    role: 'Junior Data Analyst',
    seniority: 'junior',
    cv: `Science teacher, 2018 – 2024. Analysed pupil assessment results in spreadsheets to target support.
Data analytics bootcamp, 2024: SQL (joins, window functions), Python with pandas, Tableau dashboards.
Capstone: analysed 2 years of bike-share trips and presented findings to a panel.`,
    jd: `Junior Data Analyst
You'll turn data into decisions for our operations team.
Required:
- SQL for querying and joining data
- Excel or Google Sheets
- A BI tool such as Tableau or Power BI
- Clear communication of findings to non-technical colleagues
Nice to have:
- Python (pandas)
- Basic statistics, e.g. A/B test analysis`,
    labels: {
      required: ['sql', 'excel', 'business intelligence', 'communication'],
      niceToHave: ['python', 'pandas', 'statistics'],
      gaps: ['statistics'],
      fitBand: [60, 90],
    },
  },
  {
    id: 'h-public-sector-caseworker',
    split: 'heldout',
    occupation: 'public sector',
    profile: 'career changer (call centre)',
    role: 'Housing Caseworker',
    seniority: 'mid',
    cv: `Customer service advisor, Northern Energy call centre, 2018 – present
- Handled 60+ calls a day about billing and debt, including vulnerable customers.
- Set up affordable repayment plans and referred customers to support agencies.
- Kept accurate case notes in Salesforce.
- Mentored new advisors during their first month.`,
    jd: `Housing Caseworker – local council
Purpose: help residents at risk of homelessness find and keep a home.
Essential:
- Casework experience, managing your own caseload
- Knowledge of housing legislation (Housing Act 1996, Homelessness Reduction Act)
- Working with vulnerable people and safeguarding
- Accurate record keeping
- Multi-agency working
Desirable: a driving licence.`,
    labels: {
      required: ['casework', 'housing legislation', 'safeguarding', 'record keeping', 'multi-agency working'],
      niceToHave: ['driving licence'],
      gaps: ['casework', 'housing legislation', 'safeguarding', 'driving licence'],
      fitBand: [30, 60],
    },
  },
  {
    id: 'h-backend-junior',
    split: 'heldout',
    occupation: 'software',
    profile: 'junior',
    role: 'Junior Backend Developer',
    seniority: 'junior',
    cv: `Junior developer, Pixel Farm, 2023 – present
- Built REST endpoints in Node.js with Express and TypeScript for our booking app.
- Wrote SQL migrations and queries for our Postgres database.
- Added Jest unit tests and fixed flaky ones in our GitHub Actions pipeline.
Personal project: a Discord bot in Python.`,
    jd: `Junior Backend Developer
Requirements:
- JavaScript or TypeScript on Node.js
- Building REST APIs
- SQL databases (PostgreSQL)
- Writing automated tests
- Git
Nice to have:
- Docker
- Experience with a message queue like RabbitMQ`,
    labels: {
      required: ['javascript', 'typescript', 'node.js', 'rest api', 'postgresql', 'automated testing', 'git'],
      niceToHave: ['docker', 'message queues'],
      gaps: ['docker', 'message queues'],
      fitBand: [70, 95],
    },
  },
  {
    id: 'h-transport-planner',
    split: 'heldout',
    occupation: 'logistics/warehouse',
    profile: 'career changer (army logistics)',
    role: 'Transport Planner',
    seniority: 'mid',
    cv: `Royal Logistic Corps, Corporal, 2014 – 2024
- Planned vehicle movements and loads for a 40-vehicle squadron on exercises in the UK and abroad.
- Kept fleet maintenance and driver hours records; audited every month with no major findings.
- Led a section of eight soldiers.
Since leaving: Certificate of Professional Competence (CPC) in Road Haulage, 2024. Comfortable with Excel.`,
    jd: `Transport Planner
Plan daily routes and loads for our fleet of 60 HGVs delivering to supermarkets.
Key requirements:
- Route and load planning experience
- Working knowledge of drivers' hours and tachograph rules
- Transport management software (e.g. Paragon or Descartes)
- Strong Excel skills
- Calm problem solving under time pressure
Desirable: Transport Manager CPC.`,
    labels: {
      required: ['route planning', 'drivers hours', 'transport management system', 'excel', 'problem solving'],
      niceToHave: ['transport manager cpc'],
      gaps: ['transport management system'],
      fitBand: [60, 90],
    },
  },
];
