/** The whole schema. No side effects: safe to import anywhere. */
export * from './roles.js';
export * from './accounts.js';
export * from './content.js';
export * from './interviews.js';
export * from './system.js';
export * from './events.js';
export * from './reviews.js';
export * from './habits.js';
export * from './tryout.js';
export * from './credits.js';
