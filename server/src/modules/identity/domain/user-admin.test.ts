import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../core/auth.js';
import { grantableRoles, removesAdministrator, selfLockoutField } from './user-admin.js';

describe('roles an administrator may give', () => {
  it('lets a district administrator give any role', () => {
    expect(grantableRoles('district_admin')).toEqual(ROLES);
  });

  it('keeps a street administrator below the district', () => {
    const street = grantableRoles('street_staff');
    expect(street).toContain('grid_worker');
    expect(street).toContain('community_staff');
    expect(street).toContain('street_staff');
    expect(street).not.toContain('district_admin');
    expect(street).not.toContain('command_centre');
  });

  it('gives nobody else any', () => {
    for (const role of ['resident', 'grid_worker', 'community_staff', 'department_staff', 'command_centre'] as const)
      expect(grantableRoles(role)).toEqual([]);
  });
});

describe('changes to an administrator', () => {
  const admin = { role: 'district_admin', scopePath: '', disabled: false } as const;

  it('finds the field by which someone would lock themselves out, and lets a new name through', () => {
    expect(selfLockoutField(admin, { disabled: true })).toBe('disabled');
    expect(selfLockoutField(admin, { role: 'street_staff' })).toBe('role');
    expect(selfLockoutField(admin, { scopePath: '37.3709' })).toBe('scopeCode');
    expect(selfLockoutField(admin, { role: 'district_admin', scopePath: '', disabled: false })).toBeUndefined();
    expect(selfLockoutField(admin, {})).toBeUndefined();
  });

  it('sees a district administrator disabled or demoted, and nothing else', () => {
    expect(removesAdministrator(admin, { disabled: true })).toBe('disabled');
    expect(removesAdministrator(admin, { role: 'command_centre' })).toBe('role');
    expect(removesAdministrator(admin, { role: 'district_admin', scopePath: '37' })).toBeUndefined();
    expect(removesAdministrator({ ...admin, disabled: true }, { role: 'grid_worker' })).toBeUndefined();
    expect(removesAdministrator({ ...admin, role: 'street_staff' }, { disabled: true })).toBeUndefined();
  });
});
