import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Segmented, Select, Table, type TableColumnsType, Tag } from 'antd';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useT } from '../../core/i18n';
import { LoadFailed, loadedValue, useLoad } from '../../core/query';
import { RegionSelect } from '../geo/RegionSelect';
import { AreaName } from '../geo/useAreaNames';
import {
  FACILITY_KIND_LABELS,
  FACILITY_KINDS,
  FACILITY_STATUS_LABELS,
  FACILITY_STATUSES,
  type Facility,
  type FacilityQuery,
  fetchFacilities,
  fetchVenues,
  NINE_SMALL_KINDS,
  NINE_SMALL_LABELS,
  type ThingLayer,
  type ThingPage,
  VENUE_KIND_LABELS,
  VENUE_KINDS,
  type Venue,
  type VenueQuery,
} from './api';
import { FACILITY_COLOURS, VENUE_COLOURS } from './buildingStyle';

const PAGE_SIZE = 20;

type Filters<Q> = Omit<Q, keyof ThingPage> & { q?: string };

interface ListProps<Q extends ThingPage, T> {
  testId: string;
  /** Module-level, so the same function every render. */
  fetchPage: (query: Q) => Promise<{ items: T[]; total: number }>;
  filterItems: ReactNode;
  columns: TableColumnsType<T>;
}

/** A filtered, paged list of one kind of thing inside the user's scope, narrowed to a region. */
function ThingList<Q extends ThingPage, T extends { id: number }>({
  testId,
  fetchPage,
  filterItems,
  columns,
}: ListProps<Q, T>) {
  const { t } = useT();
  const [regionCode, setRegionCode] = useState<string>();
  const [filters, setFilters] = useState<Filters<Q>>({} as Filters<Q>);
  const [page, setPage] = useState(1);
  const chooseRegion = useCallback((code: string | undefined) => {
    setRegionCode(code);
    setPage(1);
  }, []);
  const query = useMemo(
    () => ({ ...filters, regionCode, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }) as unknown as Q,
    [filters, regionCode, page],
  );
  const state = useLoad(['registry', testId], query, fetchPage, { keepPrevious: true });
  const result = loadedValue(state);

  return (
    <>
      <Form<Filters<Q>>
        layout="inline"
        className="sz-people-form"
        onFinish={(values) => {
          setFilters({ ...values, q: values.q?.trim() || undefined });
          setPage(1);
        }}
        data-testid={`${testId}-form`}
      >
        <Form.Item label={t('things.region')}>
          <RegionSelect
            value={regionCode}
            onChange={chooseRegion}
            testId={`${testId}-region`}
            className="sz-registry-region"
          />
        </Form.Item>
        {filterItems}
        <Form.Item name="q" label={t('things.name')}>
          <Input allowClear data-testid={`${testId}-q`} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={`${testId}-search`}>
            {t('things.search')}
          </Button>
        </Form.Item>
      </Form>
      {state.status === 'failed' && (
        <LoadFailed type="error" message={t('things.failed', { message: state.message })} retry={state.retry} />
      )}
      <Table<T>
        size="middle"
        rowKey="id"
        data-testid={`${testId}-table`}
        loading={state.status === 'loading'}
        dataSource={result?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('things.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          hideOnSinglePage: true,
          showTotal: (count) => t('things.total', { count }),
          onChange: setPage,
        }}
      />
    </>
  );
}

function Dot({ colour }: { colour: string }) {
  return <span className="sz-legend-dot" style={{ background: colour }} />;
}

function VenueList() {
  const { t, lang } = useT();
  const mono = (value: string | null) => <span className="sz-mono">{value ?? '—'}</span>;
  const columns: TableColumnsType<Venue> = [
    { key: 'name', title: t('things.name'), dataIndex: 'name' },
    {
      key: 'kind',
      title: t('things.kind'),
      render: (_, v) => (
        <>
          <Dot colour={VENUE_COLOURS[v.kind]} />
          {VENUE_KIND_LABELS[v.kind][lang]}
          {v.nineSmallKind && ` · ${NINE_SMALL_LABELS[v.nineSmallKind][lang]}`}
        </>
      ),
    },
    { key: 'address', title: t('things.address'), dataIndex: 'address' },
    { key: 'owner', title: t('things.owner'), render: (_, v) => v.ownerName ?? '—' },
    { key: 'phone', title: t('things.contactPhone'), render: (_, v) => mono(v.contactPhoneMasked) },
    { key: 'creditCode', title: t('things.creditCode'), render: (_, v) => mono(v.creditCode) },
    { key: 'grid', title: t('things.grid'), render: (_, v) => <AreaName code={v.gridCode} /> },
  ];
  return (
    <ThingList<VenueQuery, Venue>
      testId="venues"
      fetchPage={fetchVenues}
      columns={columns}
      filterItems={
        <>
          <Form.Item name="kind" label={t('things.kind')}>
            <Select
              allowClear
              className="sz-people-tag"
              placeholder={t('things.anyKind')}
              data-testid="venues-kind"
              options={VENUE_KINDS.map((kind) => ({ value: kind, label: VENUE_KIND_LABELS[kind][lang] }))}
            />
          </Form.Item>
          <Form.Item name="nineSmallKind" label={t('things.nineSmallKind')}>
            <Select
              allowClear
              className="sz-people-tag"
              placeholder={t('things.anyKind')}
              data-testid="venues-nine-small"
              options={NINE_SMALL_KINDS.map((kind) => ({ value: kind, label: NINE_SMALL_LABELS[kind][lang] }))}
            />
          </Form.Item>
        </>
      }
    />
  );
}

function FacilityList() {
  const { t, lang } = useT();
  const columns: TableColumnsType<Facility> = [
    { key: 'name', title: t('things.name'), dataIndex: 'name' },
    {
      key: 'kind',
      title: t('things.kind'),
      render: (_, f) => (
        <>
          <Dot colour={FACILITY_COLOURS[f.kind]} />
          {FACILITY_KIND_LABELS[f.kind][lang]}
        </>
      ),
    },
    {
      key: 'status',
      title: t('things.status'),
      render: (_, f) => (
        <Tag color={f.status === 'in_service' ? 'green' : 'default'}>{FACILITY_STATUS_LABELS[f.status][lang]}</Tag>
      ),
    },
    { key: 'owner', title: t('things.owner'), render: (_, f) => f.ownerName ?? '—' },
    { key: 'grid', title: t('things.grid'), render: (_, f) => <AreaName code={f.gridCode} /> },
  ];
  return (
    <ThingList<FacilityQuery, Facility>
      testId="facilities"
      fetchPage={fetchFacilities}
      columns={columns}
      filterItems={
        <>
          <Form.Item name="kind" label={t('things.kind')}>
            <Select
              allowClear
              className="sz-people-tag"
              placeholder={t('things.anyKind')}
              data-testid="facilities-kind"
              options={FACILITY_KINDS.map((kind) => ({ value: kind, label: FACILITY_KIND_LABELS[kind][lang] }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('things.status')}>
            <Select
              allowClear
              className="sz-people-tag"
              placeholder={t('things.anyStatus')}
              data-testid="facilities-status"
              options={FACILITY_STATUSES.map((s) => ({ value: s, label: FACILITY_STATUS_LABELS[s][lang] }))}
            />
          </Form.Item>
        </>
      }
    />
  );
}

/** 物: the venues and facilities of the user's scope, by kind, status, name and region. */
export function ThingsPanel() {
  const { t } = useT();
  const [layer, setLayer] = useState<ThingLayer>('venues');
  return (
    <div className="sz-people" data-testid="things-panel">
      <Segmented<ThingLayer>
        value={layer}
        onChange={setLayer}
        data-testid="things-layer"
        options={[
          { value: 'venues', label: t('things.venues') },
          { value: 'facilities', label: t('things.facilities') },
        ]}
        className="sz-things-switch"
      />
      {layer === 'venues' ? <VenueList /> : <FacilityList />}
    </div>
  );
}
