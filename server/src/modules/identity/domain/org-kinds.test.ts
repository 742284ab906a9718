import { describe, expect, it } from 'vitest';
import { cleanServices, levelOfPath, ORG_LEVELS } from './org-kinds.js';

describe('organisation kinds', () => {
  it('reads a region’s level from the depth of its path', () => {
    expect(levelOfPath('37.3709.370983')).toBe('district');
    expect(levelOfPath('37.3709.370983.370983002')).toBe('street');
    expect(levelOfPath('37.3709.370983.370983002.370983002001')).toBe('community');
    expect(levelOfPath('37.3709')).toBeUndefined();
  });

  it('puts departments in a district and rapid-response teams in a street', () => {
    expect(ORG_LEVELS.department).toEqual(['district']);
    expect(ORG_LEVELS.rapid_response_team).toEqual(['street']);
  });

  it('keeps each service once, trimmed, blanks dropped', () => {
    expect(cleanServices([' 占道经营 ', '', '违章搭建', '占道经营'])).toEqual(['占道经营', '违章搭建']);
  });
});
