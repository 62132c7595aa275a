export { openContext } from './context.js';
export { main, program } from './main.js';
