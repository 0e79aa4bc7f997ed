// Calendar days and instants in the sprint log's time zone (spec metrics.md §1: "end of day D").
export * from './days';
export * from './parse';
export * from './zone';
