import { Flex, Tag, Tooltip } from 'antd';
import { useT } from '../../core/i18n';
import type { Person } from './api';

export function PersonTags({ tags }: { tags: Person['tags'] }) {
  const { code } = useT();
  return (
    <Flex wrap gap={4}>
      {tags.map(({ tag, detail }) => (
        <Tooltip key={tag} title={detail}>
          <Tag>{code('personTag', tag)}</Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
