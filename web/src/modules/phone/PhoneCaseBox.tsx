import { DotLoading, Empty, List, NoticeBar, PullToRefresh, Space } from 'antd-mobile';
import { useT } from '../../core/i18n';
import { loadedValue, useInvalidate } from '../../core/query';
import type { Box } from '../cases/api';
import { categoryName, formatTime } from '../cases/caseText';
import { useCaseBox } from '../cases/useCaseBox';
import { PhonePriorityTag, PhoneStatusTag } from './StatusTag';

interface Props {
  box: Box;
  empty: string;
  onOpen: (id: number) => void;
  testId: string;
}

/** One inbox as a phone list, pulled down to reload; a row opens the case. */
export function PhoneCaseBox({ box, empty, onOpen, testId }: Props) {
  const { lang } = useT();
  const invalidate = useInvalidate();
  const list = useCaseBox(box);
  const items = loadedValue(list)?.items ?? [];

  return (
    <PullToRefresh onRefresh={() => invalidate(['cases', 'box', box])}>
      {list.status === 'failed' && <NoticeBar content={list.message} color="error" wrap />}
      {list.status === 'loading' && items.length === 0 && (
        <div className="sz-phone-center">
          <DotLoading />
        </div>
      )}
      {list.status === 'ready' && items.length === 0 && <Empty description={empty} />}
      {items.length > 0 && (
        <List mode="card" data-testid={testId}>
          {items.map((c) => (
            <List.Item
              key={c.id}
              onClick={() => onOpen(c.id)}
              title={`${categoryName(c.category, lang)} · ${formatTime(c.reportedAt, lang)}`}
              description={c.number}
              extra={
                <Space>
                  <PhonePriorityTag priority={c.priority} />
                  <PhoneStatusTag status={c.status} />
                </Space>
              }
            >
              {/* a followed case's public view may have no description: its area says which problem it is */}
              <span className="sz-phone-ellipsis">{c.description || c.areaName}</span>
            </List.Item>
          ))}
        </List>
      )}
    </PullToRefresh>
  );
}
