/**
 * Development CV/JD pairs: the rules are tuned against these. All people and employers are invented.
 */
import type { CvJdCase } from './types.js';

export const DEV_CV_JD: CvJdCase[] = [
  {
    id: 'd-backend-senior-payments',
    split: 'dev',
    occupation: 'software',
    profile: 'direct match',
    role: 'Senior Backend Engineer, Payments',
    seniority: 'senior',
    cv: `Backend engineer, 9 years.
Ledgerly, Senior Software Engineer, 2019 – present
- Built payment services in Go and Java running on Kubernetes, processing 2M card transactions a day.
- Designed PostgreSQL schemas for the ledger and tuned slow queries.
- Built a RabbitMQ-based event pipeline for settlement notifications.
- Led our PCI DSS scope reduction; mentored four junior engineers.
Brightbank, Software Engineer, 2016 – 2019: Java and Spring services.`,
    jd: `Senior Backend Engineer – Payments
Requirements:
- 6+ years building backend services in Go or Java
- PostgreSQL and database design
- Kubernetes in production
- Event-driven architecture (we use Kafka)
- Experience with PCI DSS or similar compliance
- Mentoring other engineers
Nice to have:
- Kafka
- Idempotent payment APIs`,
    labels: {
      required: ['go', 'java', 'postgresql', 'database design', 'kubernetes', 'event-driven architecture', 'pci dss', 'mentoring'],
      niceToHave: ['kafka', 'idempotency'],
      gaps: ['kafka', 'idempotency'],
      fitBand: [70, 95],
    },
  },
  {
    id: 'd-nurse-to-cs',
    split: 'dev',
    occupation: 'customer success',
    profile: 'career changer (nurse)',
    role: 'Customer Success Manager',
    seniority: 'mid',
    cv: `Registered Nurse (Adult), 7 years, St Mary's Hospital, 2017 – present
- Cared for up to eight patients a shift on a busy surgical ward.
- Delivered patient education on wound care and medication before discharge.
- Coordinated with doctors, physiotherapists and families to plan safe discharges.
- Trained new staff on the ward's electronic patient record system.
- Handled complaints from families calmly and escalated when needed.`,
    jd: `Customer Success Manager (healthcare software)
You will own a book of 40 hospital customers after they go live.
Requirements:
- Excellent communication and relationship building with customers
- Onboarding and training customers on software
- Stakeholder management
- Handling escalations and complaints
- Fluent English
Nice to have:
- Clinical background
- Experience with a CRM such as Salesforce`,
    labels: {
      required: ['communication', 'relationship building', 'customer onboarding', 'training', 'stakeholder management', 'escalation handling', 'english'],
      niceToHave: ['clinical background', 'crm'],
      gaps: ['customer onboarding', 'crm'],
      fitBand: [50, 85],
    },
  },
  {
    id: 'd-junior-pm',
    split: 'dev',
    occupation: 'product management',
    profile: 'junior career changer (analyst)',
    role: 'Associate Product Manager',
    seniority: 'junior',
    cv: `Business analyst, Greenway Insurance, 2022 – present
- Gathered requirements from underwriters and wrote user stories for the claims portal.
- Built Excel and SQL reports on claim volumes that the team used to prioritise the backlog.
- Ran weekly demos with stakeholders.
BSc Economics, 2022.`,
    jd: `Associate Product Manager
You'll work with a senior PM on our mobile app.
What you'll do: write user stories, prioritise the backlog with engineering, talk to customers, and make decisions with data.
Requirements:
- Requirements gathering and writing user stories
- Prioritisation
- Data-informed decision making, including SQL
- Communication with stakeholders
Nice to have:
- A/B testing experience
- User research`,
    labels: {
      required: ['requirements gathering', 'prioritisation', 'data analysis', 'sql', 'stakeholder management'],
      niceToHave: ['a/b testing', 'user research'],
      gaps: ['a/b testing', 'user research'],
      fitBand: [60, 90],
    },
  },
  {
    id: 'd-ward-nurse',
    split: 'dev',
    occupation: 'nursing',
    profile: 'direct match',
    role: 'Staff Nurse – Acute Medicine',
    seniority: 'mid',
    cv: `NMC-registered adult nurse (PIN on request).
Ridgeway NHS Trust, Staff Nurse, Acute Medical Unit, 2020 – present
- Assessed and monitored acutely unwell patients using NEWS2 and escalated deterioration.
- Administered IV medications and managed infusions.
- Wound care and catheter care; documented in Cerner.
- Supported student nurses as a practice assessor.
BLS and ILS certified.`,
    jd: `Staff Nurse – Acute Medicine
Essential:
- NMC registration
- Patient assessment and recognising deterioration
- Safe medication administration, including IV
- Accurate clinical documentation
- Working in a multidisciplinary team
Desirable:
- ILS certification
- Mentoring students`,
    labels: {
      required: ['nmc registration', 'patient assessment', 'medication administration', 'clinical documentation', 'multidisciplinary team'],
      niceToHave: ['life support certification', 'mentoring'],
      gaps: ['multidisciplinary team'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'd-nurse-to-teacher',
    split: 'dev',
    occupation: 'teaching',
    profile: 'career changer (nurse educator)',
    role: 'Health and Social Care Lecturer',
    seniority: 'mid',
    cv: `Clinical nurse educator, Eastfield Hospital, 2019 – present
- Designed and delivered training for 200 staff a year on infection control and sepsis.
- Assessed competencies and gave feedback to newly qualified nurses.
Registered nurse, 2012 – 2019.
Level 3 Award in Education and Training (AET).`,
    jd: `Lecturer in Health and Social Care (FE college)
Requirements:
- Occupational experience in health or social care
- A teaching qualification or willingness to work towards one
- Planning and delivering engaging lessons to 16–19 year olds
- Assessment and feedback
- Classroom management
Nice to have: experience of BTEC or T Level assessment.`,
    labels: {
      required: ['healthcare experience', 'teaching qualification', 'lesson planning', 'assessment and feedback', 'classroom management'],
      niceToHave: ['btec'],
      gaps: ['classroom management', 'btec'],
      fitBand: [55, 85],
    },
  },
  {
    id: 'd-primary-teacher',
    split: 'dev',
    occupation: 'teaching',
    profile: 'direct match',
    role: 'Primary Class Teacher (Year 4)',
    seniority: 'mid',
    cv: `Primary teacher with QTS, 4 years (2021 – present), Meadow Lane Primary.
- Year 3 and Year 4 class teacher; planned the full curriculum with my year partner.
- Phonics lead for the lower school; trained teaching assistants.
- Used formative assessment and pupil progress meetings to close gaps in reading.
- Strong behaviour management; positive relationships with parents.`,
    jd: `Year 4 Class Teacher
We are looking for a teacher who:
- Holds QTS
- Plans and teaches across the primary curriculum
- Has excellent behaviour management
- Uses assessment to plan next steps
- Communicates well with parents
Desirable: experience leading a subject.`,
    labels: {
      required: ['qts', 'lesson planning', 'classroom management', 'assessment data', 'parent communication'],
      niceToHave: ['subject leadership'],
      gaps: [],
      fitBand: [80, 100],
    },
  },
  {
    id: 'd-teaching-assistant-junior',
    split: 'dev',
    occupation: 'teaching',
    profile: 'junior',
    role: 'Teaching Assistant (SEND)',
    seniority: 'junior',
    cv: `Recent psychology graduate (2025).
Volunteer at a Saturday reading club for children aged 6–10, 2023 – 2025.
Summer camp leader, 2024: responsible for a group of 12 children.
Basic Makaton.`,
    jd: `Teaching Assistant – SEND support
Support pupils with special educational needs in class and in small groups.
Requirements:
- Experience working with children
- Understanding of SEND, e.g. autism or ADHD
- Patience and good communication
- Willingness to complete safeguarding training
Nice to have: Makaton or other signing.`,
    labels: {
      required: ['working with children', 'send', 'communication', 'safeguarding'],
      niceToHave: ['makaton'],
      gaps: ['send', 'safeguarding'],
      fitBand: [45, 75],
    },
  },
  {
    id: 'd-account-executive',
    split: 'dev',
    occupation: 'sales',
    profile: 'direct match',
    role: 'Account Executive (SaaS)',
    seniority: 'mid',
    cv: `Account Executive, Stackwise, 2021 – present
- Closed new business with mid-market companies; 124% of quota in 2023, 110% in 2024.
- Ran full sales cycle: discovery, demos, negotiation and contract.
- Managed pipeline in Salesforce and forecast accurately to within 5%.
SDR, Stackwise, 2019 – 2021: outbound prospecting and cold calling.`,
    jd: `Account Executive – Mid-Market
Requirements:
- 3+ years of B2B SaaS sales experience
- Track record of exceeding quota
- Full-cycle sales: discovery, demo, negotiation, closing
- Pipeline management and forecasting in a CRM
Nice to have:
- MEDDIC or another qualification framework
- Experience selling to finance teams`,
    labels: {
      required: ['sales', 'quota attainment', 'negotiation', 'pipeline management', 'crm', 'forecasting'],
      niceToHave: ['meddic', 'selling to finance'],
      gaps: ['meddic', 'selling to finance'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'd-accounts-payable',
    split: 'dev',
    occupation: 'finance',
    profile: 'junior',
    role: 'Accounts Payable Assistant',
    seniority: 'junior',
    cv: `Finance assistant, Carter Builders, 2023 – present
- Processed around 400 supplier invoices a month in Sage 50.
- Matched invoices to purchase orders and chased approvals.
- Ran weekly payment runs and answered supplier queries.
AAT Level 3 (in progress).`,
    jd: `Accounts Payable Assistant
Requirements:
- Experience processing invoices and purchase orders
- Supplier reconciliations
- Preparing payment runs
- Good Excel skills
- Accuracy and attention to detail
Desirable: experience with Xero or Sage; AAT qualification.`,
    labels: {
      required: ['invoice processing', 'supplier reconciliation', 'payment runs', 'excel', 'attention to detail'],
      niceToHave: ['accounting software', 'aat'],
      gaps: ['supplier reconciliation', 'excel', 'attention to detail'],
      fitBand: [55, 85],
    },
  },
  {
    id: 'd-management-accountant',
    split: 'dev',
    occupation: 'finance',
    profile: 'direct match',
    role: 'Management Accountant',
    seniority: 'mid',
    cv: `CIMA-qualified accountant.
Northwind Foods, Management Accountant, 2020 – present
- Month-end close, accruals and prepayments, balance sheet reconciliations.
- Built the annual budget and quarterly forecasts with department heads.
- Variance analysis and board reporting packs; advanced Excel and Power BI.`,
    jd: `Management Accountant
Essential:
- CIMA, ACCA or ACA qualified (or finalist)
- Month-end close and management accounts
- Budgeting and forecasting
- Variance analysis and reporting to non-finance managers
- Advanced Excel
Desirable: ERP experience (SAP or Oracle).`,
    labels: {
      required: ['chartered accountant', 'month-end close', 'budgeting', 'forecasting', 'variance analysis', 'excel'],
      niceToHave: ['erp'],
      gaps: ['erp'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'd-chef',
    split: 'dev',
    occupation: 'hospitality',
    profile: 'step up',
    role: 'Sous Chef',
    seniority: 'mid',
    cv: `Chef de Partie, The Larder (80 covers), 2021 – present
- Ran the sauce and grill sections; covered for the sous chef on her days off.
- Helped write the spring menu and costed three new dishes.
- Level 2 Food Hygiene; kept HACCP records and temperature logs.
Commis Chef, Riverside Hotel, 2019 – 2021.`,
    jd: `Sous Chef
Support the Head Chef in running a fresh-food kitchen.
Requirements:
- Experience as a Sous Chef or strong Chef de Partie ready to step up
- Leading and training the kitchen team
- Food safety and HACCP
- Stock control, ordering and gross profit targets
- Menu development
Nice to have: Level 3 Food Safety.`,
    labels: {
      required: ['kitchen experience', 'team leadership', 'food safety', 'stock control', 'menu development'],
      niceToHave: ['level 3 food safety'],
      gaps: ['stock control', 'level 3 food safety'],
      fitBand: [55, 85],
    },
  },
  {
    id: 'd-restaurant-manager',
    split: 'dev',
    occupation: 'hospitality',
    profile: 'direct match',
    role: 'Restaurant Manager',
    seniority: 'lead',
    cv: `Restaurant General Manager, Olive & Vine, 2019 – present
- Ran a 120-cover restaurant with 30 staff and £2.4m turnover.
- Controlled labour costs through weekly rotas; hit GP targets every quarter.
- Recruited and trained front-of-house teams; cut staff turnover by a third.
- Handled guest feedback and online reviews; TripAdvisor rating from 4.1 to 4.6.`,
    jd: `Restaurant Manager
You will:
- Lead and motivate a front-of-house team
- Deliver excellent guest experience
- Manage labour, rotas and cost control against budget
- Recruit and train staff
- Ensure licensing and health and safety compliance`,
    labels: {
      required: ['team leadership', 'customer service', 'rota planning', 'cost control', 'recruiting', 'training', 'health and safety'],
      niceToHave: [],
      gaps: ['health and safety'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'd-warehouse-operative',
    split: 'dev',
    occupation: 'logistics/warehouse',
    profile: 'junior',
    role: 'Warehouse Operative',
    seniority: 'junior',
    cv: `Retail assistant, Sportzone, 2023 – present
- Unloaded deliveries, replenished stock and did stock counts.
- Used a handheld scanner for stock checks.
Reliable, fit, happy to work nights.`,
    jd: `Warehouse Operative – nights
What you'll do: pick, pack and load orders accurately using an RF scanner, keep the area tidy and safe.
Requirements:
- Able to work night shifts
- Good attention to detail for accurate picking
- Counterbalance forklift licence is a plus
- Follow health and safety procedures`,
    labels: {
      required: ['order picking', 'rf scanner', 'shift work', 'attention to detail', 'health and safety'],
      niceToHave: ['forklift licence'],
      gaps: ['order picking', 'attention to detail', 'health and safety', 'forklift licence'],
      fitBand: [45, 75],
    },
  },
  {
    id: 'd-supply-chain-analyst',
    split: 'dev',
    occupation: 'logistics/warehouse',
    profile: 'direct match',
    role: 'Supply Chain Analyst',
    seniority: 'mid',
    cv: `Supply Chain Analyst, Hartley Retail, 2021 – present
- Built demand forecasts for 3,000 SKUs and cut stock-outs by 20%.
- Inventory optimisation with safety-stock models; reduced excess stock by £1.2m.
- SQL and Power BI dashboards for the logistics team; SAP MM daily.
- Worked with suppliers on lead-time issues.`,
    jd: `Supply Chain Analyst
Requirements:
- Demand forecasting and inventory planning
- Strong Excel; SQL a plus
- Experience with an ERP (SAP preferred)
- Data visualisation (Power BI or Tableau)
- Working with suppliers and logistics partners`,
    labels: {
      required: ['demand forecasting', 'inventory management', 'excel', 'erp', 'data visualization', 'supplier management'],
      niceToHave: ['sql'],
      gaps: ['excel'],
      fitBand: [70, 95],
    },
  },
  {
    id: 'd-policy-officer',
    split: 'dev',
    occupation: 'public sector',
    profile: 'direct match',
    role: 'Policy Officer',
    seniority: 'mid',
    cv: `Policy adviser, City Council Transport team, 2021 – present
- Drafted briefings and cabinet reports on bus franchising.
- Ran a public consultation with 4,000 responses and analysed the results.
- Worked with legal and finance teams on business cases.
Researcher, Centre for Cities think tank, 2019 – 2021: quantitative research and reports.`,
    jd: `Policy Officer
Essential:
- Policy development and drafting briefings for senior officials
- Stakeholder engagement, including consultations
- Research and analysis of evidence
- Excellent written communication
Desirable: understanding of local government.`,
    labels: {
      required: ['policy development', 'stakeholder management', 'research', 'written communication'],
      niceToHave: ['local government'],
      gaps: [],
      fitBand: [80, 100],
    },
  },
  {
    id: 'd-graphic-designer',
    split: 'dev',
    occupation: 'design/UX',
    profile: 'junior',
    role: 'Junior Graphic Designer',
    seniority: 'junior',
    cv: `BA Graphic Design, 2025.
Freelance: logos and social media graphics for local businesses using Illustrator, Photoshop and InDesign.
Internship, Bloom Agency, summer 2024: resized campaign assets and prepared print files.`,
    jd: `Junior Graphic Designer
Requirements:
- Adobe Creative Suite (Photoshop, Illustrator, InDesign)
- Typography and layout
- Preparing files for print and digital
- A portfolio
Nice to have: motion graphics (After Effects), Figma.`,
    labels: {
      required: ['adobe creative suite', 'typography', 'print production', 'portfolio'],
      niceToHave: ['motion design', 'figma'],
      gaps: ['typography', 'portfolio', 'motion design', 'figma'],
      fitBand: [55, 85],
    },
  },
  {
    id: 'd-ux-researcher-career',
    split: 'dev',
    occupation: 'design/UX',
    profile: 'career changer (market research)',
    role: 'UX Researcher',
    seniority: 'mid',
    cv: `Market research executive, Ipsum Research, 2019 – present
- Designed surveys and ran focus groups for consumer brands.
- Analysed quantitative data in SPSS and presented insight decks to clients.
- Conducted 50+ in-depth interviews.
Completed Google UX Design certificate, 2024.`,
    jd: `UX Researcher
Requirements:
- Planning and running user interviews and usability testing
- Survey design
- Synthesising findings into clear recommendations
- Working with designers and product managers
Nice to have: experience with Figma and a research repository such as Dovetail.`,
    labels: {
      required: ['user research', 'usability testing', 'survey design', 'synthesis', 'collaboration'],
      niceToHave: ['figma', 'research repository'],
      gaps: ['usability testing', 'collaboration', 'figma', 'research repository'],
      fitBand: [45, 75],
    },
  },
  {
    id: 'd-recruiter',
    split: 'dev',
    occupation: 'human resources',
    profile: 'direct match',
    role: 'Talent Acquisition Partner',
    seniority: 'mid',
    cv: `In-house recruiter, Gridline Energy, 2020 – present
- Hired 60+ engineers and operations staff a year end to end.
- Sourced on LinkedIn Recruiter and ran structured interviews with hiring managers.
- Managed candidates in Greenhouse (ATS); cut time-to-hire from 45 to 30 days.
Agency recruiter, 2017 – 2020.`,
    jd: `Talent Acquisition Partner
Requirements:
- Full-cycle recruitment
- Sourcing and headhunting
- Advising hiring managers
- Using an ATS
Nice to have: employer branding experience.`,
    labels: {
      required: ['recruiting', 'sourcing', 'stakeholder management', 'ats'],
      niceToHave: ['employer branding'],
      gaps: ['employer branding'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'd-pharmacy-technician',
    split: 'dev',
    occupation: 'pharmacy',
    profile: 'junior',
    role: 'Pharmacy Technician',
    seniority: 'junior',
    cv: `Pharmacy assistant, Boots, 2022 – present
- Dispensed prescriptions under supervision and served customers at the counter.
- Ordered stock and checked expiry dates.
Currently completing the GPhC-accredited pharmacy technician course (due 2026).`,
    jd: `Pharmacy Technician
Requirements:
- GPhC registration as a pharmacy technician
- Accurate dispensing
- Medicines reconciliation
- Stock management
- Good customer service
Nice to have: accuracy checking technician (ACT) qualification.`,
    labels: {
      required: ['gphc registration', 'dispensing', 'medicines reconciliation', 'stock control', 'customer service'],
      niceToHave: ['accuracy checking'],
      gaps: ['gphc registration', 'medicines reconciliation', 'accuracy checking'],
      fitBand: [35, 65],
    },
  },
  {
    id: 'd-site-engineer',
    split: 'dev',
    occupation: 'civil engineering',
    profile: 'direct match',
    role: 'Site Engineer',
    seniority: 'mid',
    cv: `Site Engineer, Harrow Construction, 2021 – present
- Set out foundations and drainage with a total station and GPS rover on a £15m school project.
- Checked works against drawings and specifications; completed ITPs and quality records.
- Coordinated subcontractors daily. CSCS card, SMSTS.`,
    jd: `Site Engineer
Requirements:
- Setting out with total station / GPS
- Reading drawings and specifications
- Quality control and inspection records
- Coordinating subcontractors
- CSCS card
Nice to have: temporary works experience.`,
    labels: {
      required: ['setting out', 'technical drawings', 'quality control', 'subcontractor coordination', 'cscs'],
      niceToHave: ['temporary works'],
      gaps: ['temporary works'],
      fitBand: [75, 98],
    },
  },
  {
    id: 'd-retail-assistant',
    split: 'dev',
    occupation: 'retail',
    profile: 'junior (first job)',
    role: 'Sales Assistant',
    seniority: 'junior',
    cv: `Sixth-form student, A levels 2025.
Volunteer, Oxfam charity shop, 2024 – present: served customers on the till, sorted donations, dressed the window.
Duke of Edinburgh Silver Award.`,
    jd: `Sales Assistant (part-time)
You'll give our customers great service, work the till, replenish stock and keep the shop floor looking its best.
Requirements:
- Friendly customer service
- Cash handling
- Teamwork
- Flexible availability, including weekends`,
    labels: {
      required: ['customer service', 'cash handling', 'teamwork', 'stock replenishment', 'visual merchandising'],
      niceToHave: [],
      gaps: ['teamwork'],
      fitBand: [55, 85],
    },
  },
  {
    id: 'd-frontend-mid',
    split: 'dev',
    occupation: 'software',
    profile: 'direct match',
    role: 'Frontend Engineer',
    seniority: 'mid',
    cv: `Frontend developer, 4 years (2021 – present), Shoplane.
- Built the checkout in React with TypeScript and Redux Toolkit.
- Wrote component tests with Testing Library and end-to-end tests in Playwright.
- Improved Core Web Vitals: LCP from 4.2s to 1.9s.
- Made forms WCAG 2.1 AA compliant.`,
    jd: `Frontend Engineer
Must have:
- React and TypeScript
- Testing (unit and end-to-end)
- Web performance
- Accessibility
Nice to have:
- Next.js
- GraphQL`,
    labels: {
      required: ['react', 'typescript', 'unit testing', 'end-to-end testing', 'web performance', 'accessibility'],
      niceToHave: ['next.js', 'graphql'],
      gaps: ['next.js', 'graphql'],
      fitBand: [70, 95],
    },
  },
  {
    id: 'd-data-engineer-mismatch',
    split: 'dev',
    occupation: 'software',
    profile: 'mismatch (frontend dev to data engineering)',
    role: 'Senior Data Engineer',
    seniority: 'senior',
    cv: `Frontend developer, 5 years. React, Vue, CSS, design systems. Some Node.js for BFF endpoints.`,
    jd: `Senior Data Engineer
Requirements:
- Python and SQL
- Building batch and streaming data pipelines (Spark, Kafka)
- Airflow or another orchestrator
- Data warehousing (Snowflake or BigQuery)
- Data modelling`,
    labels: {
      required: ['python', 'sql', 'data engineering', 'spark', 'kafka', 'airflow', 'data warehousing', 'data modeling'],
      niceToHave: [],
      gaps: ['python', 'sql', 'data engineering', 'spark', 'kafka', 'airflow', 'data warehousing', 'data modeling'],
      fitBand: [0, 25],
    },
  },
  {
    id: 'd-marketing-exec',
    split: 'dev',
    occupation: 'marketing',
    profile: 'junior',
    role: 'Digital Marketing Executive',
    seniority: 'junior',
    cv: `Marketing assistant, Fernleaf Gardens, 2023 – present
- Ran the Instagram and Facebook accounts; grew followers from 2k to 11k.
- Wrote the monthly email newsletter in Mailchimp (open rate 38%).
- Set up Google Analytics 4 goals and reported weekly traffic.`,
    jd: `Digital Marketing Executive
Requirements:
- Social media management
- Email marketing
- Google Analytics
- Content creation and copywriting
Nice to have:
- Paid search (Google Ads)
- SEO`,
    labels: {
      required: ['social media', 'email marketing', 'web analytics', 'copywriting'],
      niceToHave: ['paid search', 'seo'],
      gaps: ['paid search', 'seo'],
      fitBand: [65, 92],
    },
  },
  {
    id: 'd-social-worker',
    split: 'dev',
    occupation: 'public sector',
    profile: 'direct match',
    role: 'Children and Families Social Worker',
    seniority: 'mid',
    cv: `Social Work England registered social worker.
Westshire County Council, Social Worker, Children in Need team, 2021 – present
- Held a caseload of 18 children; completed child and family assessments.
- Led child protection enquiries (Section 47) and chaired core groups.
- Wrote court reports and care plans; worked closely with schools, health and police.`,
    jd: `Social Worker – Children and Families
Essential:
- Social Work England registration
- Experience of statutory child protection work
- Assessment and care planning
- Multi-agency working
- Report writing, including for court`,
    labels: {
      required: ['social work registration', 'safeguarding', 'assessment', 'multi-agency working', 'report writing'],
      niceToHave: [],
      gaps: [],
      fitBand: [80, 100],
    },
  },
  {
    id: 'd-admin-to-it-support',
    split: 'dev',
    occupation: 'IT support',
    profile: 'career changer (administrator)',
    role: 'IT Support Technician',
    seniority: 'junior',
    cv: `School administrator, Oakfield Primary, 2018 – present
- Unofficial IT contact: set up laptops for staff, reset passwords in Google Workspace admin, fixed printer problems.
- Logged issues with the external IT provider.
CompTIA A+ certified, 2025.`,
    jd: `IT Support Technician (1st line)
Requirements:
- Troubleshooting Windows and Mac hardware and software
- Microsoft 365 or Google Workspace administration
- Ticketing systems
- Clear communication with non-technical users
Nice to have: Active Directory, basic networking.`,
    labels: {
      required: ['troubleshooting', 'workspace administration', 'ticketing system', 'communication'],
      niceToHave: ['active directory', 'networking'],
      gaps: ['ticketing system', 'active directory', 'networking'],
      fitBand: [45, 75],
    },
  },
];
