import { describe, expect, it } from 'vitest';
import { parseRosterRow } from './roster-row.js';

const good = {
  姓名: '张队员',
  用户名: 'rr.zhang',
  角色: '部门工作人员',
  管辖区划或网格编码: '370983002',
  '所属部门/队伍编码': '370983002-rapid_response',
  专兼职: '兼职',
};

describe('a roster row', () => {
  it('becomes an account to create', () => {
    expect(parseRosterRow(good)).toEqual({
      row: {
        displayName: '张队员',
        username: 'rr.zhang',
        role: 'department_staff',
        scopeCode: '370983002',
        orgCode: '370983002-rapid_response',
        employment: 'part_time',
      },
      errors: [],
    });
  });

  it('names every bad cell by its column', () => {
    const { row, errors } = parseRosterRow({
      ...good,
      用户名: 'a b',
      角色: '居民',
      专兼职: '临时',
      '所属部门/队伍编码': '',
    });
    expect(row).toBeUndefined();
    expect(errors.map((e) => e.column)).toEqual(['用户名', '角色', '专兼职']);
  });

  it('asks department staff for their department or team', () => {
    const { errors } = parseRosterRow({ ...good, '所属部门/队伍编码': '' });
    expect(errors).toEqual([expect.objectContaining({ column: '所属部门/队伍编码' })]);
  });
});
