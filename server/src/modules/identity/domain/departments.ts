/** The standing departments of a district government that grassroots cases are most often sent to. */
export const DEPARTMENTS = [
  { key: 'urban_management', zh: '城市管理局', en: 'Urban Management Bureau' },
  { key: 'housing', zh: '住房和城乡建设局', en: 'Housing and Construction Bureau' },
  { key: 'market', zh: '市场监督管理局', en: 'Market Regulation Bureau' },
  { key: 'ecology', zh: '生态环境局', en: 'Ecology and Environment Bureau' },
  { key: 'police', zh: '公安分局', en: 'Public Security Sub-bureau' },
  { key: 'fire', zh: '消防救援大队', en: 'Fire and Rescue Brigade' },
  { key: 'civil_affairs', zh: '民政局', en: 'Civil Affairs Bureau' },
  { key: 'water', zh: '水务局', en: 'Water Affairs Bureau' },
  { key: 'transport', zh: '交通运输局', en: 'Transport Bureau' },
  { key: 'health', zh: '卫生健康委员会', en: 'Health Commission' },
] as const;
export type DepartmentKey = (typeof DEPARTMENTS)[number]['key'];
