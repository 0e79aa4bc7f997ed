// The "Sprint" view: the active (or chosen) sprint — goal, days left, points —
// and its items grouped by state in workflow order.
import type { BacklogStore } from '../model/types';
import type { HistoryReader } from '../history/service';
import { today } from '../../core/sprint';
import { ItemTreeProvider } from './itemTree';
import { sprintNodes } from './rows';
import type { ViewState } from './viewState';

export class SprintTreeProvider extends ItemTreeProvider {
  constructor(store: BacklogStore, state: ViewState, history?: HistoryReader, now: () => Date = () => new Date()) {
    super(store, state, history, 'sprint', (fb) => {
      const key = fb.folder.uri.toString();
      const day = today(fb.workspace.sprintLog, now().getTime());
      const chosen = state.chosenSprint(key);
      const snap = history?.enabled ? history.snapshot(fb.root) : undefined;
      return { stamp: `${chosen ?? ''}|${day}|${snap?.asOf ?? ''}`, build: () => sprintNodes(key, fb.workspace, chosen, day, (id) => snap?.sprints.get(id)?.committed, fb.problems) };
    });
  }
}
