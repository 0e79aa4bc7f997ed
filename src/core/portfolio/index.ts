// Portfolio across repositories (teams): rows, totals, cross-team dependencies, formats.
export { portfolioOf, type CrossDependency, type Portfolio } from './document';
export { teamReport, teamRow, type TeamInput, type TeamReport, type TeamRow } from './rows';
export { teamInputOf } from './input';
export { portfolioHtml, portfolioMarkdown, portfolioTables, portfolioText } from './format';
