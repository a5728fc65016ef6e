/** Base of the configuration errors: carries every problem found, one indented line each in the message. */
export class ConfigProblemsError extends Error {
  readonly problems: string[];
  constructor(title: string, problems: string[]) {
    super(`${title}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}
