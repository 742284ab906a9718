import { Tabs } from 'antd-mobile';
import { useState } from 'react';
import { useT } from '../../../core/i18n';
import type { Box } from '../../cases/api';
import { PhoneCaseBox } from '../PhoneCaseBox';

/** What waits for the grid worker: cases assigned to the grid, handled cases to check on site, and all of the grid. */
const TASK_BOXES: Box[] = ['assigned', 'to_verify', 'all'];

export function GridTasks({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, code } = useT();
  const [box, setBox] = useState<Box>('assigned');
  return (
    <>
      <Tabs activeKey={box} onChange={(key) => setBox(key as Box)} className="sz-phone-subtabs">
        {TASK_BOXES.map((b) => (
          <Tabs.Tab
            key={b}
            title={<span data-testid={`gw-box-${b}`}>{b === 'all' ? t('gw.gridCases') : code('box', b)}</span>}
          />
        ))}
      </Tabs>
      <PhoneCaseBox key={box} box={box} empty={t('cases.empty')} onOpen={onOpen} testId="gw-cases" />
    </>
  );
}
