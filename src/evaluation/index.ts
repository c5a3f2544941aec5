/** What other modules use of evaluation: keeping a case's figures current in its own transaction, and the drill-down condition. */
export { recordCaseFigures, newCaseFigureWrites } from './record.js';
export { figureCondition } from './rollups.js';
export { FIGURES, type Figure } from './contract.js';
