// Sprints on the calendar: status (planned/active/closed), the active sprint,
// today and working days left, point totals. Day arithmetic itself is in ../time.
export * from './days';
export * from './points';
export * from './status';
