export * from './wire.js';
export * from './plan.js';
export * from './report.js';
export * from './room.js';
