import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Layout, Space, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useAbility } from '../../core/abilities';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useInvalidate } from '../../core/query';
import { useSession } from '../identity/session';
import type { Box, CaseDetail } from './api';
import { CaseDrawer } from './CaseDrawer';
import { CaseTable } from './CaseTable';
import { useCaseInUrl } from './caseRoute';
import { ReportModal } from './ReportModal';
import { useCaseBox } from './useCaseBox';
import { useCaseDetail } from './useCaseDetail';
import { useOrgs } from './useOrgs';
import './cases.css';

const DISPATCHER_BOXES: Box[] = ['to_accept', 'to_dispatch', 'to_verify', 'overdue', 'supervised', 'all'];
const DEPARTMENT_BOXES: Box[] = ['assigned', 'to_report_in'];
const GRID_WORKER_BOXES: Box[] = ['assigned', 'to_verify', 'supervised', 'all'];

/**
 * The inboxes a person works from: dispatchers the area's queues, department staff (who belong to an org) what is
 * assigned or whistled to them, anyone else what waits for them on site. The server has the last word: a box it
 * refuses (403) loses its tab.
 */
function boxesFor(mayDispatch: boolean, orgCode: string | null): Box[] {
  if (mayDispatch) return DISPATCHER_BOXES;
  return orgCode ? DEPARTMENT_BOXES : GRID_WORKER_BOXES;
}

export function CasesPage() {
  const { t, code } = useT();
  const { message } = App.useApp();
  const { user } = useSession();
  const mayDispatch = useAbility('cases.dispatch');
  const [boxes, setBoxes] = useState<Box[]>(() => boxesFor(mayDispatch, user.orgCode));
  const [box, setBox] = useState<Box | undefined>(boxes[0]);
  const invalidate = useInvalidate();
  const list = useCaseBox(box);
  const forbidden = list.status === 'failed' && list.forbidden;
  const [selected, setSelected] = useCaseInUrl();
  const [detail, replaceDetail] = useCaseDetail(selected);
  const [reporting, setReporting] = useState(false);
  const orgs = useOrgs();

  useEffect(() => {
    if (!forbidden || !box) return;
    const rest = boxes.filter((b) => b !== box);
    setBoxes(rest);
    setBox(rest[0]);
  }, [forbidden, box, boxes]);

  const reload = () => void invalidate(['cases', 'box']);
  const changed = (next: CaseDetail) => {
    replaceDetail(next);
    reload();
  };
  const reported = (next: CaseDetail) => {
    setReporting(false);
    void message.success(t('report.created', { number: next.case.number }));
    setSelected(next.case.id);
    reload();
  };

  return (
    <Layout.Content className="sz-cases">
      <div className="sz-cases-bar">
        <Tabs
          data-testid="case-boxes"
          activeKey={box}
          onChange={(key) => setBox(key as Box)}
          items={boxes.map((b) => ({ key: b, label: code('box', b) }))}
        />
        <Space>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('cases.refresh')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)} data-testid="new-report">
            {t('cases.newReport')}
          </Button>
        </Space>
      </div>
      {list.status === 'failed' && !list.forbidden && (
        <LoadFailed message={t('cases.loadFailed', { message: list.message })} retry={list.retry} />
      )}
      <CaseTable
        items={loadedValue(list)?.items ?? []}
        loading={list.status === 'loading'}
        selected={selected}
        onOpen={setSelected}
        supervision={box === 'supervised' ? { orgs } : undefined}
      />
      <CaseDrawer state={detail} orgs={orgs} onChanged={changed} onClose={() => setSelected(null)} />
      {reporting && <ReportModal onReported={reported} onClose={() => setReporting(false)} />}
    </Layout.Content>
  );
}
