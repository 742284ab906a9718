import { List, Popup } from 'antd-mobile';
import { useT } from '../../core/i18n';
import type { Category } from '../cases/api';
import { categoryName } from '../cases/caseText';
import { categoryTree } from '../cases/useCategories';

interface Props {
  open: boolean;
  categories: Category[];
  onPick: (category: Category) => void;
  onClose: () => void;
}

/** Every category in one scrolling list, sub-classes under their main class; any of them may be picked. */
export function CategorySheet({ open, categories, onPick, onClose }: Props) {
  const { t, lang } = useT();
  return (
    <Popup visible={open} onMaskClick={onClose} bodyStyle={{ maxHeight: '70vh', overflowY: 'auto' }}>
      <List header={t('phone.category')} data-testid="category-sheet">
        {categoryTree(categories).flatMap(({ category, children }) => [
          <List.Item key={category.code} onClick={() => onPick(category)}>
            {categoryName(category, lang)}
          </List.Item>,
          ...children.map(({ category: child }) => (
            <List.Item key={child.code} onClick={() => onPick(child)} className="sz-phone-subcategory">
              {categoryName(child, lang)}
            </List.Item>
          )),
        ])}
      </List>
    </Popup>
  );
}
