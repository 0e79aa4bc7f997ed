// Sprint review and retro edits (ratings, notes, actions) as edit-engine plans.
export { planSprintEdit, type SprintEdit } from './plan';
