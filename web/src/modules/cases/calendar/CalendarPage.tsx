import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Input,
  InputNumber,
  Layout,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useAbility } from '../../../core/abilities';
import { ApiError, errorMessage } from '../../../core/api';
import { useT } from '../../../core/i18n';
import { LoadFailed, loadedValue, useInvalidate, useLoad } from '../../../core/query';
import { type CalendarPreview, type CalendarStatus, fetchCalendar, loadNotice, previewNotice } from './api';
import './calendar.css';

type YearRow = CalendarStatus['years'][number];

/**
 * 工作日历: which years' holiday arrangements every deadline is counted on, which years deadlines already reach that
 * nobody has loaded (in red, with the open cases whose due time is only an estimate), and, for the district
 * administrator, loading a year's State Council notice: pasted as published, read back for checking, then stored.
 */
export function CalendarPage() {
  const { t } = useT();
  const load = useLoad(['cases', 'calendar'], 'all', fetchCalendar);
  const status = loadedValue(load);
  const canLoad = useAbility('cases.calendar.manage');
  const columns: TableColumnsType<YearRow> = [
    { key: 'year', title: t('calendar.year'), width: 90, render: (_, y) => y.year },
    {
      key: 'source',
      title: t('calendar.source'),
      render: (_, y) =>
        y.source === 'notice' ? (
          <Tag color="blue">{t('calendar.sourceNotice', { name: y.loadedByName ?? '—' })}</Tag>
        ) : (
          <Tag>{t('calendar.sourcePackage')}</Tag>
        ),
    },
    { key: 'holidays', title: t('calendar.holidays'), width: 110, render: (_, y) => y.holidays },
    { key: 'workdays', title: t('calendar.workdays'), width: 130, render: (_, y) => y.workdays },
  ];
  return (
    <Layout.Content className="sz-calendar" data-testid="calendar-page">
      <Typography.Title level={4}>{t('calendar.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.hint')}</Typography.Paragraph>
      {load.status === 'failed' ? (
        <LoadFailed message={load.message} retry={load.retry} />
      ) : (
        <>
          {status && status.missing.length > 0 && (
            <Alert
              type="error"
              showIcon
              className="sz-calendar-alert"
              data-testid="calendar-missing"
              message={t('calendar.missing', { years: status.missing.join('、') })}
              description={t('calendar.missingHint', { cases: status.estimatedCases })}
            />
          )}
          {canLoad && <NoticeLoader suggestedYear={status?.missing[0]} />}
          <Table
            rowKey="year"
            size="small"
            columns={columns}
            dataSource={status?.years ?? []}
            loading={load.status === 'loading'}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            data-testid="calendar-years"
          />
        </>
      )}
    </Layout.Content>
  );
}

function NoticeLoader({ suggestedYear }: { suggestedYear?: number }) {
  const { t } = useT();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [year, setYear] = useState<number | null>(suggestedYear ?? null);
  const [notice, setNotice] = useState('');
  const [preview, setPreview] = useState<CalendarPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shownYear = year ?? suggestedYear ?? null;

  async function read() {
    if (!shownYear) return setProblem(t('calendar.yearNeeded'));
    setBusy(true);
    setProblem(null);
    try {
      setPreview(await previewNotice(shownYear, notice));
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  async function store() {
    if (!shownYear) return;
    setBusy(true);
    try {
      const loaded = await loadNotice(shownYear, notice);
      message.success(t('calendar.loaded', { ...loaded }));
      setPreview(null);
      setNotice('');
      await invalidate(['cases']);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const holidays = preview?.days.filter((d) => d.kind === 'holiday') ?? [];
  const workdays = preview?.days.filter((d) => d.kind === 'workday') ?? [];
  return (
    <Card size="small" title={t('calendar.loadTitle')} className="sz-calendar-loader">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          {t('calendar.year')}
          <InputNumber
            min={2000}
            max={2100}
            value={shownYear}
            onChange={(v) => {
              setYear(v);
              setPreview(null);
            }}
            data-testid="calendar-year-input"
          />
        </Space>
        <Input.TextArea
          rows={8}
          value={notice}
          onChange={(e) => {
            setNotice(e.target.value);
            setPreview(null);
          }}
          placeholder={t('calendar.noticePlaceholder')}
          data-testid="calendar-notice"
        />
        {problem && <Alert type="error" showIcon message={problem} data-testid="calendar-problem" />}
        {preview && (
          <div data-testid="calendar-preview">
            {preview.problems.length > 0 && (
              <Alert
                type="error"
                showIcon
                message={t('calendar.unreadable')}
                description={preview.problems.map((p) => `${p.line}: ${p.text}`).join('\n')}
              />
            )}
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('calendar.holidays')}>
                {groupByName(holidays).map(([name, list]) => (
                  <div key={name}>
                    <b>{name}</b>{' '}
                    {list.length > 1
                      ? t('calendar.span', { from: list[0] ?? '', to: list.at(-1) ?? '', days: list.length })
                      : list[0]}
                  </div>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('calendar.workdays')}>
                {workdays.map((d) => t('calendar.workdayOf', { day: d.day, name: d.name })).join(t('calendar.and')) ||
                  '—'}
              </Descriptions.Item>
            </Descriptions>
          </div>
        )}
        <Space>
          <Button onClick={() => void read()} loading={busy} disabled={!notice.trim()} data-testid="calendar-read">
            {t('calendar.read')}
          </Button>
          <Button
            type="primary"
            onClick={() => void store()}
            loading={busy}
            disabled={!preview || preview.problems.length > 0 || holidays.length === 0}
            data-testid="calendar-store"
          >
            {t('calendar.store', { year: shownYear ?? '' })}
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

/** Holidays by festival, in order, to be read as spans: 春节 2027-02-05 至 2027-02-13. */
function groupByName(days: CalendarPreview['days']): [string, string[]][] {
  const by = new Map<string, string[]>();
  for (const d of days) by.set(d.name, [...(by.get(d.name) ?? []), d.day]);
  return [...by];
}
