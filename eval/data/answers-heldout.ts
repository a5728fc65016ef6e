/**
 * Held-out strong/weak answer pairs with STAR labels. Written before any scoring change and only
 * read in aggregate. A STAR part is labelled true when a careful listener can point at the words
 * that give it: situation = when/where/context, task = what the speaker had to achieve or the
 * problem they owned, action = what they themselves did, result = how it ended or what changed.
 * Habitual or hypothetical talk ("usually I…", "I would…") is not a STAR part: it tells no story.
 */
import type { AnswerPairCase } from './types.js';

export const HELDOUT_ANSWERS: AnswerPairCase[] = [
  {
    id: 'ha-teacher-behaviour',
    split: 'heldout',
    occupation: 'teaching',
    question: { kind: 'behavioural', competency: 'classroom management', skill: 'classroom management', text: 'Tell me about a class whose behaviour was difficult to manage. What did you do, and what changed?', keywords: ['class', 'behaviour', 'routine', 'pupils', 'sanctions', 'changed'] },
    requiredSkills: ['classroom management', 'differentiation'],
    strong: {
      text: 'Last year I took over a Year 9 set in January after their teacher left, and lessons were regularly losing fifteen minutes to low-level disruption. My job was to get them learning again before their end-of-year assessments. I started by meeting each pupil briefly at the door, set a seating plan that split up the two main groups, and used a short silent starter every lesson so there was a clear routine. I phoned home with positive news for six pupils in the first fortnight, which the class noticed. By Easter the number of behaviour points logged for that class had dropped from about twelve a week to three, and their average assessment score went up by eight percent.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'I think behaviour management is all about being consistent. I would always follow the school policy and make sure the pupils know the rules. Usually if you are firm but fair they respond well.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-pharmacist-error',
    split: 'heldout',
    occupation: 'pharmacy',
    question: { kind: 'role_specific', competency: 'patient safety', skill: 'clinical checking', text: 'Describe a time you caught a prescribing or dispensing error. How did you handle it?', keywords: ['prescription', 'error', 'gp', 'patient', 'check', 'dose'] },
    requiredSkills: ['dispensing', 'clinical checking', 'patient counselling'],
    strong: {
      text: 'One Friday evening a prescription came in for methotrexate 10 mg daily for an elderly patient who had been on it weekly. The situation was risky because the surgery was about to close. I held the prescription, called the GP practice and spoke to the duty doctor, who confirmed it should have been weekly and sent a corrected prescription. I explained the change to the patient and her daughter and gave them a weekly dosing card. Afterwards I logged it as a near miss and we added methotrexate to our list of high-risk drugs that get a second check. Nothing reached the patient, and we caught two similar errors in the following year.',
      star: { situation: true, task: false, action: true, result: true },
    },
    weak: {
      text: 'Errors happen quite a lot to be honest. When I see one I normally just contact the surgery and get it sorted. It is part of the job, so, um, I just deal with it.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-hotel-complaint',
    split: 'heldout',
    occupation: 'hospitality',
    question: { kind: 'behavioural', competency: 'complaint handling', skill: 'complaint handling', text: 'Tell me about a guest complaint you handled. What was the problem and how did it end?', keywords: ['guest', 'complaint', 'room', 'apologised', 'manager', 'review'] },
    requiredSkills: ['customer service', 'complaint handling'],
    strong: {
      text: 'During a sold-out conference weekend a couple arrived for their anniversary and the room they had booked with a sea view had been given to someone else by mistake. They were upset and the husband raised his voice at the desk. I needed to calm it down and find them something comparable with no free rooms. I apologised without making excuses, moved them somewhere quiet, and checked the next day’s departures. I put them in a superior city-view room for the first night with a bottle of prosecco and moved them to a sea-view suite the next morning. They left a five-star review that mentioned me by name, and my manager used the case in our team training.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'I have dealt with lots of complaints. Guests complain about all sorts, like the wifi or the breakfast. I always stay polite and try to help them, and if it gets too much I would get the manager.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-auditor-judgement',
    split: 'heldout',
    occupation: 'finance/audit',
    question: { kind: 'role_specific', competency: 'audit judgement', skill: 'internal controls', text: 'Tell me about an audit finding you had to push back on with a client. How did you reach your conclusion?', keywords: ['audit', 'client', 'evidence', 'controls', 'finding', 'partner'] },
    requiredSkills: ['external audit', 'internal controls', 'risk assessment'],
    strong: {
      text: 'On the audit of a manufacturing client in 2023, revenue cut-off testing showed that goods worth about £400k had been invoiced in March but shipped in April, after the year end. My task was to decide whether this was an error or a one-off and agree it with the finance director, who disagreed. I extended the sample to the last two weeks of the year, matched dispatch notes to invoices, and found the same pattern on eleven more orders. I took the schedule to the FD with the evidence and discussed it with our partner first. The client posted an adjustment of £610k, and we reported a control deficiency in the management letter, which they fixed the following year.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'Clients do push back sometimes. Generally I would explain the auditing standards to them and escalate to the manager if needed. Usually they accept it in the end.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-civil-teamwork',
    split: 'heldout',
    occupation: 'civil engineering',
    question: { kind: 'behavioural', competency: 'teamwork', skill: 'teamwork', text: 'Tell me about a time you worked in a team to deliver a piece of engineering work.', keywords: ['team', 'design', 'drawings', 'deadline', 'role', 'delivered'] },
    requiredSkills: ['autocad', 'drainage design'],
    strong: {
      text: 'On my placement at Marlow, the team had three weeks to submit the drainage strategy for a 40-home scheme to the council. I was given the job of drafting the pipe network layout while a senior engineer did the calculations. I set up the Civil 3D model, checked levels against the topographic survey, and found two runs that could not drain by gravity, which I flagged at our weekly meeting. We agreed a small pumping station for that corner and I redrew the layout. The strategy went in two days early and the council approved it without changes.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'At university we had a group project designing a bridge. There were five of us and everyone did a bit. It was fine, we got a decent mark, I think teamwork is important in engineering.',
      star: { situation: true, task: false, action: false, result: true },
    },
  },
  {
    id: 'ha-warehouse-safety',
    split: 'heldout',
    occupation: 'logistics/warehouse',
    question: { kind: 'role_specific', competency: 'health and safety', skill: 'health and safety', text: 'Tell me about a time you noticed a safety risk on site. What did you do about it?', keywords: ['safety', 'risk', 'forklift', 'reported', 'procedure', 'accident'] },
    requiredSkills: ['health and safety', 'team leadership'],
    strong: {
      text: 'When I was covering as team leader on nights, I noticed pickers were cutting across the marked forklift aisle to save time at the end of the shift, and we had had a near miss the week before. I needed to stop it without slowing picking down. I stopped the shift for five minutes and explained the near miss, then asked the pickers why they used the shortcut. It turned out the walkway added about two minutes per trip, so I suggested moving the empty-cage return point, and the day manager agreed. I also put it on the safety board and checked it every night for a month. We had no more near misses in that aisle and pick rates held at the same level.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'Safety is always number one in a warehouse. I always wear my hi-vis and follow the rules, and if I saw something I would report it to my manager straight away.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-retail-target',
    split: 'heldout',
    occupation: 'retail',
    question: { kind: 'role_specific', competency: 'sales targets', skill: 'sales targets', text: 'Tell me about a time your store was behind on its sales target. What did you do?', keywords: ['sales', 'target', 'team', 'customers', 'week', 'results'] },
    requiredSkills: ['retail management', 'sales targets'],
    strong: {
      text: 'In autumn 2022 we were 18% behind target on footwear going into half term. I owned that category, so I had to find the cause and fix it quickly. I looked at the sales data and saw our conversion was fine but footfall to the footwear wall was low because it was hidden behind the tills. I moved the best sellers to the front of the store, trained two advisors to do gait checks, and set a daily target board for the team. Over the next six weeks footwear sales went up 15% and we finished the quarter 3% above target.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'Well we were behind quite often. We would just try harder and push the promotions more. The team is good so we usually get there in the end, more or less.',
      star: { situation: true, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-hr-difficult',
    split: 'heldout',
    occupation: 'human resources',
    question: { kind: 'behavioural', competency: 'employee relations', skill: 'employee relations', text: 'Tell me about a sensitive people issue you had to handle. How did you approach it?', keywords: ['employee', 'manager', 'confidential', 'policy', 'meeting', 'outcome'] },
    requiredSkills: ['employee relations', 'employment law'],
    strong: {
      text: 'The situation was that a designer on our team had been off sick on and off for three months and her manager wanted to start a formal absence process. As office manager I handled HR, so it was my job to make sure we treated her fairly and followed our policy. I read our absence policy and the Acas guidance, set up a confidential return-to-work meeting, and asked whether anything at work was contributing. She told us she was caring for a parent. I suggested a temporary change to four days and flexible start times, which the director agreed. Her absence dropped to zero over the next quarter and she is still with the company.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'I think you have to be very careful with people issues and keep things confidential. I would listen to both sides and follow the policy and try to be fair to everyone.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-sdr-rejection',
    split: 'heldout',
    occupation: 'sales',
    question: { kind: 'behavioural', competency: 'resilience', skill: 'resilience', text: 'Tell me about a time you faced a lot of rejection while working towards a target. How did you keep going?', keywords: ['rejection', 'target', 'calls', 'keep going', 'approach', 'result'] },
    requiredSkills: ['prospecting', 'cold calling', 'resilience'],
    strong: {
      text: 'When I volunteered as a door-to-door fundraiser for Shelter, my target was fifteen regular donors a month and in my first two weeks I signed up only two. Most doors either did not open or closed within ten seconds. I asked our team leader to shadow me, and she pointed out that I opened with the charity name, which made people switch off. I changed my opening to a question about their street and tracked every door in a notebook to see which times worked. In my second month I signed up 24 donors, and over three months I got 60, the second highest on the team.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'Rejection does not really bother me. I am quite a positive person and I just keep going. You have to have thick skin in sales.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-soc-incident',
    split: 'heldout',
    occupation: 'cyber security',
    question: { kind: 'technical', competency: 'incident response', skill: 'incident response', text: 'Walk me through how you triaged a suspicious alert. What did you check, and what did you decide?', keywords: ['alert', 'siem', 'logs', 'escalate', 'false positive', 'host'] },
    requiredSkills: ['siem', 'incident response'],
    strong: {
      text: 'In my home lab last spring I had Sentinel alert on an impossible-travel sign-in for a test account, a login from London and then from Singapore twenty minutes later. I needed to decide whether it was a real compromise or noise before I escalated. I pulled the sign-in logs and saw the second login came from a known VPN exit node and used the same device ID, and there was no MFA prompt failure or new inbox rule. I checked the user agent and it matched the first session. I classed it as a false positive, documented it, and wrote a suppression rule for that VPN range, which cut those alerts from about ten a week to one.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'I would look at the alert in the SIEM and check the logs, and if it looked bad I would escalate it to tier 2. It depends on the alert really.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-ux-research',
    split: 'heldout',
    occupation: 'design/UX',
    question: { kind: 'role_specific', competency: 'user research', skill: 'user research', text: 'Tell me about a time research changed a design decision you had made.', keywords: ['research', 'users', 'prototype', 'usability', 'decision', 'changed'] },
    requiredSkills: ['user research', 'usability testing', 'figma'],
    strong: {
      text: 'For Tally’s new invoicing flow I had designed a single long form because I assumed small-business owners wanted speed. Before launch I ran usability tests with twelve users on a Figma prototype. Eight of them stalled at the tax section and two abandoned the task, because they did not know which VAT rate to choose. I split the flow into three steps, defaulted the VAT rate from their last invoice, and added an inline explanation. In the second round all twelve completed the task and median time fell from four minutes to just under two. After launch, support tickets about invoices dropped by about a third.',
      star: { situation: true, task: false, action: true, result: true },
    },
    weak: {
      text: 'Research is really important to me and I always try to involve users. Sometimes research shows you were wrong and you have to be open to that and iterate on the design.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-analyst-insight',
    split: 'heldout',
    occupation: 'data/analytics',
    question: { kind: 'role_specific', competency: 'data analysis', skill: 'data analysis', text: 'Tell me about an analysis you did that changed what someone decided.', keywords: ['data', 'analysis', 'sql', 'decision', 'dashboard', 'found'] },
    requiredSkills: ['sql', 'excel', 'communication'],
    strong: {
      text: 'As a science teacher in 2022, our head of year wanted to run Saturday revision for all of Year 11. I was asked to check whether that was the best use of staff time. I exported three years of mock and final results into a spreadsheet and compared pupils who had attended the old optional sessions with similar pupils who had not. Attendance made almost no difference for pupils already on track, but it lifted borderline pupils by about half a grade. I presented a one-page chart to the leadership team, and we ran smaller targeted sessions for 40 borderline pupils instead of 180, which freed four teachers and our grade 4 pass rate rose 6 points.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'In my bootcamp we did lots of analysis in SQL and Python. I like finding insights in data. I made a dashboard in Tableau for my capstone about bike share trips.',
      star: { situation: true, task: false, action: true, result: false },
    },
  },
  {
    id: 'ha-caseworker-vulnerable',
    split: 'heldout',
    occupation: 'public sector',
    question: { kind: 'behavioural', competency: 'safeguarding', skill: 'safeguarding', text: 'Tell me about a time you supported someone in a vulnerable situation. What did you do?', keywords: ['vulnerable', 'support', 'referred', 'agency', 'record', 'safe'] },
    requiredSkills: ['casework', 'safeguarding', 'record keeping'],
    strong: {
      text: 'At Northern Energy I took a call from an elderly man who had been without heating for two days in February because his prepayment meter had run out, and he mentioned he had not eaten properly. I needed to get him safe that day, not just fix the meter. I added emergency credit straight away, flagged his account as vulnerable, and with his consent referred him to Age UK and the council’s crisis support team. I wrote clear notes so the next advisor would not make him repeat it, and called him back the next morning. His heating was back on within the hour, Age UK visited the following day, and he was moved onto a repayment plan he could afford.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'We get a lot of vulnerable customers. I always try to be patient with them and I would refer them to the right place. I think empathy is really important in this kind of work.',
      star: { situation: true, task: false, action: false, result: false },
    },
  },
  {
    id: 'ha-backend-bug',
    split: 'heldout',
    occupation: 'software',
    question: { kind: 'technical', competency: 'debugging', skill: 'debugging', text: 'Tell me about a bug that was hard to track down. How did you find it and what did you change?', keywords: ['bug', 'logs', 'test', 'reproduce', 'fix', 'root cause'] },
    requiredSkills: ['node.js', 'postgresql', 'automated testing'],
    strong: {
      text: 'In our booking app, a few customers a week were getting double bookings for the same slot, and nobody could reproduce it. I was asked to find the root cause. I searched the logs for the affected bookings and saw the two requests always arrived within a hundred milliseconds, so I suspected a race. I wrote a Jest test that fired two requests in parallel against a test Postgres database and reproduced it on the first run. The code checked availability and then inserted in two separate queries. I added a unique constraint on slot and time and handled the conflict error in the endpoint. Double bookings went to zero and the test now runs in CI.',
      star: { situation: true, task: true, action: true, result: true },
    },
    weak: {
      text: 'I fix a lot of bugs. Usually I just add some console logs and, you know, step through it until I find the problem. Then I fix it and move on.',
      star: { situation: false, task: false, action: false, result: false },
    },
  },
];
