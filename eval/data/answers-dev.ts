/**
 * Development strong/weak answer pairs with STAR labels (same labelling rules as the held-out
 * file: habitual or hypothetical talk is not a STAR part). The scoring rules are tuned on these.
 */
import type { AnswerPairCase } from './types.js';

const S = (situation: boolean, task: boolean, action: boolean, result: boolean) => ({ situation, task, action, result });

export const DEV_ANSWERS: AnswerPairCase[] = [
  {
    id: 'da-nurse-deterioration',
    split: 'dev',
    occupation: 'nursing',
    question: { kind: 'role_specific', competency: 'patient assessment', skill: 'patient assessment', text: 'Tell me about a time you recognised that a patient was deteriorating. What did you do?', keywords: ['patient', 'news2', 'escalated', 'doctor', 'observations', 'outcome'] },
    requiredSkills: ['patient assessment', 'medication administration'],
    strong: {
      text: 'On a night shift last winter, a 78-year-old man admitted with a chest infection had a NEWS2 score of 3 at midnight, and by 2am he was more confused and his breathing rate had gone up to 26. I was responsible for his care that night, so I needed to get him reviewed quickly. I repeated a full set of observations, did a sepsis screen, and escalated to the medical registrar using SBAR. While waiting I started oxygen as prescribed and took blood cultures. He was started on IV antibiotics within the hour. By the morning his score had dropped to 2, and the registrar said the early call probably kept him out of intensive care.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'You just get a feeling when a patient is going off. I always trust my gut and call the doctor. Monitoring is a big part of nursing.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-nurse-cs-motivation',
    split: 'dev',
    occupation: 'customer success',
    question: { kind: 'behavioural', competency: 'communication', skill: 'communication', text: 'Tell me about a time you had to explain something complicated to someone who was anxious or confused.', keywords: ['explained', 'understand', 'patient', 'customer', 'checked', 'simple'] },
    requiredSkills: ['communication', 'stakeholder management'],
    strong: {
      text: 'The situation was a patient going home after bowel surgery with a new stoma, and she was very anxious and kept saying she would never manage it. My task was to make sure she could change the bag herself safely before discharge. I broke it down into four steps, showed her once, then had her do it while I talked her through it, and used the teach-back method where she explained each step to me in her own words. I also wrote the steps on a card and called the stoma nurse to visit at home. She changed it herself on the third day without help, and at her follow-up call she had had no leaks or infections.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I am a good communicator, I explain things to patients every day. I think you just have to be patient and use simple words. People usually understand in the end.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-backend-incident',
    split: 'dev',
    occupation: 'software',
    question: { kind: 'technical', competency: 'incident management', skill: 'incident management', text: 'Tell me about a production incident you handled. What happened and what did you change afterwards?', keywords: ['incident', 'production', 'alert', 'rollback', 'root cause', 'postmortem'] },
    requiredSkills: ['go', 'postgresql', 'kubernetes'],
    strong: {
      text: 'In March 2023 our settlement service started timing out at 2am, and about 4,000 card payments were stuck in pending. I was on call, so it was my job to stop the bleeding and find the cause. I checked our dashboards and saw Postgres connections maxed out, then found a new nightly report query holding locks on the ledger table. I killed the query, which cleared the backlog in ten minutes, and then moved the report to a read replica. In the postmortem I proposed a statement timeout for batch jobs and an alert on lock waits. We have not had a lock-related outage since, and payment delays went from about two incidents a quarter to none.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'We had some incidents. Usually it is the database or a bad deploy and we roll back. I think having good monitoring is important, and postmortems, um, those are useful too.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-backend-mentoring',
    split: 'dev',
    occupation: 'software',
    question: { kind: 'behavioural', competency: 'mentoring', skill: 'mentoring', text: 'Tell me about someone you mentored. What did you do and how did they grow?', keywords: ['mentored', 'junior', 'feedback', 'pairing', 'grew', 'confidence'] },
    requiredSkills: ['mentoring', 'go'],
    strong: {
      text: 'When a graduate joined my team in 2022 she was nervous about code review and her pull requests sat open for days. I wanted her to be shipping on her own within three months. We agreed a weekly one-to-one, I paired with her on her first two features, and I started leaving review comments that explained why, not just what. I also gave her ownership of a small retry library so she had something that was hers. By the end of the quarter her pull requests were merged in under a day on average, and six months later she was reviewing other people’s code and presented the library at our engineering meeting.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Mentoring is good, I think everyone should do it. I help the juniors when they ask me things and I try to be approachable.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-pm-data-decision',
    split: 'dev',
    occupation: 'product management',
    question: { kind: 'role_specific', competency: 'data-informed decisions', skill: 'data analysis', text: 'Tell me about a decision you made or influenced using data.', keywords: ['data', 'decision', 'sql', 'metric', 'users', 'result'] },
    requiredSkills: ['requirements gathering', 'sql', 'prioritisation'],
    strong: {
      text: 'At Greenway the team was about to spend a sprint on a new claims upload feature that underwriters had asked for. I wanted to check whether it was really the biggest problem. I wrote a SQL query on six months of claims data and found that 70% of delayed claims were stuck waiting for a missing policy number, not for uploads. I showed the chart at sprint planning and suggested we validate the policy number on the first screen instead. We shipped that in four days, and the share of claims delayed more than a week fell from 22% to 9% in the next month.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I always use data in my work. Data is really important for product decisions. For example I build reports in Excel and SQL for the team.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-teacher-differentiation',
    split: 'dev',
    occupation: 'teaching',
    question: { kind: 'role_specific', competency: 'differentiation', skill: 'differentiation', text: 'Tell me about a lesson you adapted for pupils with very different needs.', keywords: ['lesson', 'pupils', 'adapted', 'support', 'challenge', 'progress'] },
    requiredSkills: ['lesson planning', 'differentiation', 'classroom management'],
    strong: {
      text: 'In my Year 4 class last year I had two pupils working well below age-related expectations in reading and one who was far ahead. For a history lesson on the Romans, I wanted everyone to write a diary entry as a Roman soldier. I prepared a word bank and sentence starters for the two pupils who struggled and sat my teaching assistant with them, and gave the advanced reader a primary source to use in her diary. I checked in with each group during the lesson. All three produced a full diary entry, and one of the pupils who usually wrote two lines wrote a whole page, which we shared in assembly.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Differentiation is something I do in every lesson. I normally have three levels of worksheet, mild, spicy and hot, and the children pick one.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-teacher-parent',
    split: 'dev',
    occupation: 'teaching',
    question: { kind: 'behavioural', competency: 'parent communication', skill: 'communication', text: 'Tell me about a difficult conversation with a parent. How did you handle it?', keywords: ['parent', 'meeting', 'listened', 'child', 'agreed', 'plan'] },
    requiredSkills: ['communication', 'classroom management'],
    strong: {
      text: 'A father came in angry in autumn 2023 because his son had been kept in at lunch twice and he felt he was being picked on. I needed to keep the relationship but also back up our behaviour policy. I arranged a meeting after school rather than talking at the gate, listened without interrupting, and then showed him the behaviour log so he could see what had happened. I asked what he saw at home, and he told me his son was struggling to sleep since a house move. We agreed a daily check-in card and a quieter seat near my desk. The lunchtime incidents stopped within a fortnight, and the father thanked me at parents’ evening.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I have had a few difficult parents. I stay calm and professional and explain the school rules. If it gets heated I would ask the head teacher to step in.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-sales-lost-deal',
    split: 'dev',
    occupation: 'sales',
    question: { kind: 'role_specific', competency: 'negotiation', skill: 'negotiation', text: 'Tell me about a deal you nearly lost. What did you do to save it?', keywords: ['deal', 'customer', 'negotiation', 'price', 'closed', 'stakeholder'] },
    requiredSkills: ['sales', 'negotiation', 'crm'],
    strong: {
      text: 'In Q4 2023 I had a £90k deal with a logistics company that went quiet two weeks before the end of quarter, after their new CFO froze all spend. I had to find out whether the deal was still alive and what the CFO needed. I asked my champion for a 20-minute call with the CFO and prepared a one-page ROI case using their own numbers from discovery. On the call I learned the issue was cash flow, not value, so I negotiated quarterly billing instead of annual upfront, with a small price increase to cover it. They signed on the 29th of December and renewed a year later at £110k.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Deals slip all the time in sales. I would keep following up and maybe offer a discount. You have to be persistent but not pushy.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-finance-month-end',
    split: 'dev',
    occupation: 'finance',
    question: { kind: 'role_specific', competency: 'month-end close', skill: 'month-end close', text: 'Tell me about a time you improved a finance process such as month-end.', keywords: ['month-end', 'process', 'reconciliation', 'days', 'excel', 'improved'] },
    requiredSkills: ['month-end close', 'excel', 'budgeting'],
    strong: {
      text: 'When I joined Northwind the month-end close took eight working days, and the board pack was always late. My goal was to get the close down to five days without losing accuracy. I mapped every step with the team and found that two days went on manually rebuilding the accruals schedule in Excel. I built a template that pulled open purchase orders straight from the ledger and moved bank reconciliations to daily instead of month-end. Within three months we closed in five days, and the board pack has gone out on time every month since.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Month-end is always busy. I am very organised so I make a checklist and work through it. It usually goes fine.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-ap-error',
    split: 'dev',
    occupation: 'finance',
    question: { kind: 'behavioural', competency: 'attention to detail', skill: 'attention to detail', text: 'Tell me about a time your attention to detail caught a mistake.', keywords: ['mistake', 'invoice', 'checked', 'noticed', 'supplier', 'prevented'] },
    requiredSkills: ['invoice processing', 'attention to detail'],
    strong: {
      text: 'Last April I was processing a batch of supplier invoices and noticed one from a regular timber supplier had a different bank account number from the one on file. The email looked genuine. I held the payment, called the supplier on the number we already had rather than the one on the email, and they confirmed they had not changed bank details. I reported it to my manager and our IT provider. It turned out to be a fraud attempt for £18,400, and we introduced a rule that any bank detail change needs a call-back check.',
      star: S(true, false, true, true),
    },
    weak: {
      text: 'I am very detail-oriented. I always double check everything before I send it. I do not really make mistakes.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-chef-pressure',
    split: 'dev',
    occupation: 'hospitality',
    question: { kind: 'behavioural', competency: 'working under pressure', skill: null, text: 'Tell me about a service that went wrong. What did you do?', keywords: ['service', 'kitchen', 'orders', 'team', 'covers', 'pressure'] },
    requiredSkills: ['food safety', 'team leadership'],
    strong: {
      text: 'On a Saturday in December we had 110 covers booked and the grill chef called in sick an hour before service. I was covering for the sous chef, so I had to keep the kitchen running. I moved the commis from pastry to the fryer, took the grill myself, and asked front of house to stagger the last three tables by fifteen minutes. I simplified two garnishes to save time on the pass. We got every table out, our average ticket time stayed under 18 minutes, and we had no complaints that night.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Kitchens are always stressful, that is the job. You just get your head down and get on with it. I am good under pressure.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-restaurant-cost',
    split: 'dev',
    occupation: 'hospitality',
    question: { kind: 'role_specific', competency: 'cost control', skill: 'cost control', text: 'Tell me about a time you had to bring costs back under control.', keywords: ['costs', 'labour', 'budget', 'rota', 'margin', 'saved'] },
    requiredSkills: ['cost control', 'rota planning', 'team leadership'],
    strong: {
      text: 'In January 2022 our labour cost had risen to 36% of sales against a budget of 30%, mostly because we were rostering for December levels. I needed to get back to budget without cutting service. I compared covers by hour over the previous eight weeks and found that Monday and Tuesday lunches needed half the staff we had. I rebuilt the rota around those numbers, offered extra hours at weekends to the people whose weekday shifts were cut, and cross-trained two runners on the bar. By March labour was at 29.5% of sales and our review scores did not drop.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I keep a close eye on costs. I look at the numbers every week and, basically, if they are too high I cut some shifts. It is about balance.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-warehouse-accuracy',
    split: 'dev',
    occupation: 'logistics/warehouse',
    question: { kind: 'role_specific', competency: 'stock control', skill: 'stock control', text: 'Tell me about a time you found a problem with stock accuracy. What did you do?', keywords: ['stock', 'count', 'discrepancy', 'system', 'accuracy', 'fixed'] },
    requiredSkills: ['stock control', 'attention to detail'],
    strong: {
      text: 'At Sportzone our weekly stock count kept showing about 30 pairs of running shoes missing, and the manager suspected theft. I was asked to look into it. I compared the delivery notes with what had been scanned in for four weeks and found the shoes arrived in mixed cases that we booked in as a single size. I showed my manager and suggested we open and scan every mixed case on arrival. After we started doing that, the discrepancy dropped to two or three pairs a week.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Stock counts can be a pain. I just count carefully and tell my manager if the numbers are off.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-supply-forecast',
    split: 'dev',
    occupation: 'logistics/warehouse',
    question: { kind: 'role_specific', competency: 'demand forecasting', skill: 'demand forecasting', text: 'Walk me through a forecast you built and how it was used.', keywords: ['forecast', 'demand', 'data', 'stock', 'accuracy', 'decision'] },
    requiredSkills: ['demand forecasting', 'excel', 'sql'],
    strong: {
      text: 'Before summer 2023 our garden furniture range had run out of stock three years running while winter lines were overstocked. I was given the job of building a weekly demand forecast for the 400 seasonal SKUs. I pulled three years of sales from SAP with SQL, adjusted for weeks when we had been out of stock, and added weather and promotion effects in a simple regression model. I reviewed it with the buyers every Monday. Stock-outs on the range fell by 20% that summer, and we cleared the season with £300k less excess stock than the year before.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I do a lot of forecasting. I use historical data and Excel and look at trends. Forecasts are never perfect, you know, but they help.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-policy-consultation',
    split: 'dev',
    occupation: 'public sector',
    question: { kind: 'role_specific', competency: 'stakeholder engagement', skill: 'stakeholder management', text: 'Tell me about a time you had to bring different stakeholders to an agreement.', keywords: ['stakeholders', 'consultation', 'agreed', 'councillors', 'evidence', 'recommendation'] },
    requiredSkills: ['policy development', 'stakeholder management'],
    strong: {
      text: 'In 2022 our bus franchising proposal was stuck because the operators and the councillors wanted very different things. My task was to draft a recommendation that cabinet could approve. I ran a public consultation that got 4,000 responses and held three workshops with operators. I summarised where the groups actually agreed, which was reliability over new routes, and drafted an option that franchised the ten busiest routes first. Cabinet approved the recommendation unanimously, and two operators wrote in support.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Stakeholder management is a big part of policy work. You need to listen to everyone and find common ground. I think I am good at that.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-social-work-risk',
    split: 'dev',
    occupation: 'public sector',
    question: { kind: 'role_specific', competency: 'safeguarding', skill: 'safeguarding', text: 'Tell me about a case where you had to make a difficult decision about risk to a child.', keywords: ['child', 'risk', 'assessment', 'safety plan', 'agencies', 'decision'] },
    requiredSkills: ['safeguarding', 'multi-agency working'],
    strong: {
      text: 'Last year a school referred a seven-year-old who had come in with bruising on her arm and said her stepfather grabbed her. The situation was urgent because she was due to go home at 3pm. I had to decide with my manager whether it was safe for her to return home that night. I spoke to her at school with a teacher she trusted, called the police to arrange a strategy discussion, and visited the mother, who agreed the stepfather would stay with his brother while we completed the Section 47 enquiry. We agreed a written safety plan with the mother, school and police. The child stayed at home safely, the stepfather engaged with a parenting programme, and the case stepped down to child in need after four months.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Every case is different so it is hard to say. I would always follow procedures and speak to my manager. Risk is something you assess all the time.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-designer-feedback',
    split: 'dev',
    occupation: 'design/UX',
    question: { kind: 'behavioural', competency: 'handling feedback', skill: null, text: 'Tell me about a time a client or colleague disliked your design. What happened?', keywords: ['feedback', 'client', 'design', 'changed', 'options', 'approved'] },
    requiredSkills: ['adobe creative suite', 'typography'],
    strong: {
      text: 'During my internship at Bloom in 2024 a bakery client rejected the first logo I designed, saying it looked too corporate. I needed to find out what they actually wanted before the print deadline the following week. I asked them to send three shop signs they liked and noticed they all used hand-drawn lettering and warm colours. I sketched three new directions in Illustrator around that, and presented them side by side. They chose the second one with one small change to the colour, and it went to print on time.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Design is subjective, so sometimes people do not like it. I just take the feedback on board and change it. It is not personal.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-ux-research-synthesis',
    split: 'dev',
    occupation: 'design/UX',
    question: { kind: 'role_specific', competency: 'research synthesis', skill: 'user research', text: 'Tell me about a research project where your findings changed what the team built.', keywords: ['research', 'interviews', 'findings', 'recommendation', 'team', 'changed'] },
    requiredSkills: ['user research', 'usability testing'],
    strong: {
      text: 'At Ipsum a cereal brand wanted to launch a high-protein range aimed at gym-goers. My task was to test the concept before they committed to packaging. I ran four focus groups and twelve in-depth interviews, then coded the transcripts into themes. The strongest theme was that parents, not gym-goers, were most interested, because they wanted a filling breakfast for teenagers. I presented this with quotes and a simple chart to the brand team. They changed the positioning to family breakfasts, and the range sold 40% above forecast in its first three months.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Research projects are always interesting. We do focus groups and surveys and then write up the findings for the client in a deck.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-recruiter-hiring-manager',
    split: 'dev',
    occupation: 'human resources',
    question: { kind: 'behavioural', competency: 'advising hiring managers', skill: 'stakeholder management', text: 'Tell me about a time you disagreed with a hiring manager. How was it resolved?', keywords: ['hiring manager', 'candidate', 'disagreed', 'data', 'agreed', 'hire'] },
    requiredSkills: ['recruiting', 'stakeholder management'],
    strong: {
      text: 'In 2023 an engineering manager at Gridline had rejected eleven candidates for a controls engineer role because none had worked in wind energy, and the role had been open for four months. I had to get the hire moving. I pulled the market data from LinkedIn Recruiter, which showed fewer than 40 people in the UK with that exact background, and asked him which skills really mattered in the first six months. We agreed that PLC experience mattered and the sector did not. I re-opened the search to oil and gas and rail candidates, and we hired a rail engineer three weeks later who passed probation early.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Hiring managers can be difficult. I try to build a good relationship and push back when I need to. Usually we sort it out.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-pharmacy-tech-counter',
    split: 'dev',
    occupation: 'pharmacy',
    question: { kind: 'behavioural', competency: 'customer service', skill: 'customer service', text: 'Tell me about a time you helped a customer who was unhappy at the counter.', keywords: ['customer', 'prescription', 'waiting', 'pharmacist', 'explained', 'resolved'] },
    requiredSkills: ['dispensing', 'customer service'],
    strong: {
      text: 'One Monday morning a woman came to the counter upset because her son’s epilepsy medicine was out of stock and he had only one day of tablets left. I needed to make sure he did not miss a dose. I checked our other branches on the system and found one that had it, asked the pharmacist to call the branch, and arranged for her to collect it that afternoon. I also told the pharmacist so she could let the GP know about the supply problem. The mother collected it the same day and came back later that week to thank us.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Customers get frustrated when they have to wait. I just say sorry and tell them it will not be long.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-site-engineer-quality',
    split: 'dev',
    occupation: 'civil engineering',
    question: { kind: 'role_specific', competency: 'quality control', skill: 'quality control', text: 'Tell me about a quality problem you found on site. What did you do?', keywords: ['site', 'drawings', 'inspection', 'subcontractor', 'setting out', 'fixed'] },
    requiredSkills: ['setting out', 'quality control'],
    strong: {
      text: 'On the school project in 2022 I was checking the foundation pour for the sports hall and found the holding-down bolt positions were 40 mm out from the steel drawings. The concrete was due to be poured the next morning. I re-surveyed the bolts with the total station to be sure, stopped the pour, and called the steel fabricator and the groundworks foreman to site. We agreed to reset the bolt templates that afternoon, and I checked them again before I signed the ITP. The pour went ahead a day late, and the steel frame went up without a single modification.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Quality is really important on site. I check everything against the drawings and if something is wrong I tell the subcontractor to fix it.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-retail-first-job',
    split: 'dev',
    occupation: 'retail',
    question: { kind: 'behavioural', competency: 'customer service', skill: 'customer service', text: 'Tell me about a time you gave a customer really good service.', keywords: ['customer', 'helped', 'found', 'service', 'thanked', 'shop'] },
    requiredSkills: ['customer service', 'cash handling'],
    strong: {
      text: 'Volunteering at Oxfam last December, an older man came in looking for a Christmas present for his granddaughter but only had ten pounds. I wanted him to leave with something she would actually like. I asked what she was into, and he said horses and reading, so I went through the book donations in the back that had not been priced yet and found a boxed set of pony stories. I checked the price with the manager and wrapped it in spare paper. He came back in January to tell us she had read all four.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I am a friendly person and I like helping people. I always smile and say hello to customers.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-frontend-performance',
    split: 'dev',
    occupation: 'software',
    question: { kind: 'technical', competency: 'web performance', skill: 'web performance', text: 'Tell me about a time you made a web page faster. How did you measure it?', keywords: ['performance', 'lcp', 'bundle', 'measured', 'lighthouse', 'faster'] },
    requiredSkills: ['react', 'typescript', 'web performance'],
    strong: {
      text: 'Our checkout at Shoplane had an LCP of 4.2 seconds on mobile, and analytics showed mobile conversion was half of desktop. I took on the goal of getting LCP under 2.5 seconds. I profiled it with Lighthouse and the Chrome performance panel and found a 600 KB bundle loaded before the payment form and an unoptimised hero image. I split the bundle so payment code loaded on demand, lazy-loaded the analytics scripts and served the image as AVIF with proper sizes. LCP dropped to 1.9 seconds at the 75th percentile, and mobile conversion rose 8% over the next month.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'Performance is a big topic. I would probably use code splitting and lazy loading, and check Lighthouse. It depends on the page really.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-marketing-campaign',
    split: 'dev',
    occupation: 'marketing',
    question: { kind: 'role_specific', competency: 'campaign results', skill: 'email marketing', text: 'Tell me about a campaign you ran and how you measured whether it worked.', keywords: ['campaign', 'email', 'open rate', 'analytics', 'results', 'audience'] },
    requiredSkills: ['email marketing', 'social media'],
    strong: {
      text: 'In spring 2024 Fernleaf’s newsletter open rate had slipped to 22%, and the owner wanted more online orders for bedding plants. My task was to lift orders from email before the May rush. I split the list into people who had bought plants before and those who had not, wrote two versions with different subject lines, and tested them on 10% of each group in Mailchimp first. The question-style subject line won, so I sent that to everyone. Open rate rose to 38%, and Google Analytics showed 140 orders from the campaign, about three times the previous month.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I have run loads of campaigns. I post on social media and send emails and we usually get a good response. Engagement is key.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-it-support-ticket',
    split: 'dev',
    occupation: 'IT support',
    question: { kind: 'technical', competency: 'troubleshooting', skill: 'troubleshooting', text: 'Tell me about a technical problem you solved for someone who was not technical.', keywords: ['problem', 'user', 'fixed', 'checked', 'laptop', 'password'] },
    requiredSkills: ['troubleshooting', 'communication'],
    strong: {
      text: 'Last September, the morning of our Ofsted inspection, the head teacher’s laptop would not connect to the projector for her presentation. I had about twenty minutes to fix it. I checked the cable on another laptop to rule it out, then saw her laptop was set to duplicate to a display that was not there. I switched the display mode, updated the graphics driver, and ran through her slides with her to check everything worked. The presentation started on time, and afterwards I wrote a one-page guide for connecting to the hall projector, which cut those calls to me to almost none.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I help people with their computers a lot. Mostly it is passwords or the printer. I just fix it for them, you know, it is usually simple.',
      star: S(false, false, false, false),
    },
  },
  {
    id: 'da-account-exec-partial',
    split: 'dev',
    occupation: 'sales',
    question: { kind: 'role_specific', competency: 'pipeline management', skill: 'pipeline management', text: 'How do you keep your pipeline healthy? Give me an example from last quarter.', keywords: ['pipeline', 'forecast', 'deals', 'crm', 'quarter', 'prospects'] },
    requiredSkills: ['pipeline management', 'crm', 'forecasting'],
    strong: {
      text: 'Last quarter I started with pipeline coverage of only two times my quota, when I aim for three. I needed another £200k of qualified pipeline within three weeks. I went through closed-lost deals in Salesforce from the previous year and found twelve that had lost on timing, not product. I called each of them and booked five discovery calls, and I ran a small webinar for finance leaders with our SDR team. Coverage was back to 3.1 times by week four, and I finished the quarter at 112% of quota.',
      star: S(true, true, true, true),
    },
    weak: {
      text: 'I update Salesforce every Friday and review my deals with my manager. In the last quarter I had a few deals slip, and I moved them to next quarter.',
      star: S(true, false, true, false),
    },
  },
];
