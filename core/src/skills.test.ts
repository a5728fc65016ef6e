import { describe, expect, it } from 'vitest';
import { canonicalSkill, findSkillEvidence, findSkills, inferSkills, SKILLS } from './skills.js';

describe('skills vocabulary', () => {
  it('holds a few hundred canonical skills with unique names', () => {
    expect(SKILLS.length).toBeGreaterThan(250);
    expect(new Set(SKILLS.map((s) => s.name)).size).toBe(SKILLS.length);
  });

  it('matches symbols and aliases on word boundaries', () => {
    expect(findSkills('C++, C# and Node.js on k8s')).toEqual(['c++', 'c#', 'node.js', 'kubernetes']);
    expect(findSkills('JavaScript developer')).toEqual(['javascript']);
    expect(findSkills('Postgres and golang.')).toEqual(['postgresql', 'go']);
  });

  it('does not read ordinary words as skills', () => {
    expect(findSkills('I react quickly, let things go, and excel at the rest of my work.')).toEqual([]);
    expect(findSkills('Each node in the graph')).toEqual([]);
  });
});

describe('canonicalSkill', () => {
  it('maps a whole name or alias to its canonical skill, in any case and spacing', () => {
    expect(canonicalSkill('Postgres')).toBe('postgresql');
    expect(canonicalSkill(' Behaviour  Management ')).toBe('classroom management');
    expect(canonicalSkill('SEND')).toBe('send');
    expect(canonicalSkill('something else entirely')).toBeNull();
  });
});

describe('inferSkills', () => {
  const skills = (text: string) => inferSkills(text).map((i) => i.skill);

  it('reads what a recruiter reads from described work', () => {
    expect(skills('Designed PostgreSQL schemas for the ledger.')).toContain('database design');
    const rabbit = skills('Built a RabbitMQ-based event pipeline for settlement notifications.');
    expect(rabbit).toEqual(expect.arrayContaining(['event-driven architecture', 'message queues']));
    expect(rabbit).not.toContain('kafka');
    expect(skills('Delivered patient education on wound care before discharge.')).toContain('communication');
    expect(skills('Built the checkout in Next.js.')).toEqual(expect.arrayContaining(['react', 'javascript']));
  });

  it('gives the words each inference rests on', () => {
    const found = inferSkills('Mentored four junior engineers.').find((i) => i.skill === 'mentoring');
    expect(found).toBeUndefined(); // named, not inferred: "mentored" is an alias
    expect(findSkills('Mentored four junior engineers.')).toContain('mentoring');
    const design = inferSkills('Designed PostgreSQL schemas.').find((i) => i.skill === 'database design');
    expect(design?.evidence).toMatch(/Designed PostgreSQL schemas/);
  });
});

describe('findSkillEvidence', () => {
  it('finds a skill described in other words on one line, in any inflection', () => {
    expect(findSkillEvidence('classroom management', 'Kept a calm, well-ordered classroom with clear routines.')).toMatch(/classroom/);
    expect(findSkillEvidence('dispensing', 'Clinically checked and dispensed 300 prescriptions a day.')).toMatch(/dispensed/);
    expect(findSkillEvidence('classroom management', 'Managed a warehouse team.')).toBeNull();
  });
});
