// Forecasts for sprints, epics and selections (spec metrics.md §4), on the one Monte Carlo of metrics/monte-carlo.ts.
export { basisOf, forecastHowMany, forecastWhen, type ForecastBasis, type HowManyAnswer, type WhenAnswer } from './simulate';
export { forecastDocument, ForecastQuestionError, type EpicProgress, type ForecastDocument, type Question, type SprintForecast } from './plan';
export { forecastText } from './format';
