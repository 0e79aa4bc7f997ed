import * as fs from 'node:fs';
import { launch, openDashboard, serve, selectTab, posted, type Snapshot } from './harness';
import { THEMES } from './themes';
import { PROTOCOL_VERSION } from '../../src/shared/protocol';
(async () => {
  const served = await serve();
  const browser = await launch();
  const body = JSON.parse(fs.readFileSync('/tmp/fp/body.json', 'utf8'));
  const snapshot = { type: 'snapshot', protocol: PROTOCOL_VERSION, seq: 1, folder: 'demo', view: { asOf: { kind: 'now' }, windowDays: 90 }, body } as Snapshot;
  const { page } = await openDashboard(browser, served, { theme: THEMES[0], snapshot });
  await selectTab(page, 'Cycle time');
  await page.waitForSelector('#chart-cycle-time .chart svg path', { state: 'attached' });
  const marks = await page.$$('#chart-cycle-time .chart svg path[ecmeta_data_index]');
  for (const m of marks.slice(0, 3)) {
    const box = await m.boundingBox();
    const x = box!.x + box!.width / 2, y = box!.y + box!.height / 2;
    console.log(box, await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.outerHTML.slice(0, 250), [x, y]));
    await page.mouse.click(x, y);
  }
  console.log((await posted(page)).slice(-2).map((m) => JSON.stringify(m).slice(0, 200)));
  await browser.close(); await served.close();
  process.exit(0);
})();
