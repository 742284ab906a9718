/** The roles the server lets register, import, disable and re-key devices; everyone else on /fire only reads the list. */
const MANAGE_ROLES = ['community_staff', 'street_staff', 'district_admin'];

export const mayManageDevices = (role: string) => MANAGE_ROLES.includes(role);
