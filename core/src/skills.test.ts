import { describe, expect, it } from 'vitest';
import { findSkills, SKILLS } from './skills.js';

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
