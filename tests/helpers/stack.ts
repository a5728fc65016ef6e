export * from '../../scripts/lib/stack.js';
