// The "Backlog" view: every item in rank order, grouped by sprint, state, epic
// or assignee, filtered as chosen; one section per folder in multi-root.
import type { BacklogStore } from '../model/types';
import type { HistoryReader } from '../history/service';
import { today } from '../../core/sprint';
import { ItemTreeProvider } from './itemTree';
import { backlogNodes } from './rows';
import type { ViewState } from './viewState';

export class BacklogTreeProvider extends ItemTreeProvider {
  constructor(store: BacklogStore, state: ViewState, history?: HistoryReader, now: () => Date = () => new Date()) {
    super(store, state, history, 'backlog', (fb) => {
      const day = today(fb.workspace.sprintLog, now().getTime());
      const stamp = `${state.grouping}|${JSON.stringify(state.filter)}|${day}`;
      return { stamp, build: () => backlogNodes(fb.folder.uri.toString(), fb.workspace, { grouping: state.grouping, filter: state.filter, day }) };
    });
  }
}
