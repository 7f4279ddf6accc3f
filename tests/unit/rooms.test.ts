import { describe, expect, it } from 'vitest';
import { ID_PATTERN, JOIN_CODE_PATTERN, hasLookalike, newId, newJoinCode, normalizeJoinCode } from '../../shared/ids';
import { parseRoom, privateRoom, privateRoomPrefix, projectRoom, roomName, workshopRoom } from '../../shared/rooms';
import { createWorkshopBody, firstIssue, joinBody } from '../../shared/validate';
import { MAX_TITLE } from '../../shared/schema';

describe('rooms', () => {
  it('workshopRoom / projectRoom round-trip through parseRoom', () => {
    expect(workshopRoom('wshop1')).toBe('wshop1');
    expect(parseRoom(workshopRoom('wshop1'))).toEqual({ kind: 'workshop', workshopId: 'wshop1' });
    expect(projectRoom('wshop1', 'proj99')).toBe('wshop1.proj99');
    expect(parseRoom(projectRoom('wshop1', 'proj99'))).toEqual({ kind: 'project', workshopId: 'wshop1', projectId: 'proj99' });
  });

  it('privateRoom round-trips through parseRoom and starts with privateRoomPrefix', () => {
    expect(privateRoom('wshop1', 'proj99', 'user42')).toBe('wshop1.proj99.user42');
    expect(parseRoom('wshop1.proj99.user42')).toEqual({ kind: 'private', workshopId: 'wshop1', projectId: 'proj99', userId: 'user42' });
    expect(privateRoom('wshop1', 'proj99', 'user42').startsWith(privateRoomPrefix('wshop1', 'proj99'))).toBe(true);
    // the project room itself is not under the private prefix
    expect(projectRoom('wshop1', 'proj99').startsWith(privateRoomPrefix('wshop1', 'proj99'))).toBe(false);
  });

  it('roomName is the inverse of parseRoom, also for generated ids', () => {
    for (let i = 0; i < 50; i++) {
      const w = newId();
      const p = newId(6 + (i % 27));
      for (const ref of [
        { kind: 'workshop' as const, workshopId: w },
        { kind: 'project' as const, workshopId: w, projectId: p },
        { kind: 'private' as const, workshopId: w, projectId: p, userId: newId() },
      ]) {
        expect(parseRoom(roomName(ref))).toEqual(ref);
      }
    }
  });

  it('accepts ids at the length bounds (6 and 32)', () => {
    expect(parseRoom('abc123')).toEqual({ kind: 'workshop', workshopId: 'abc123' });
    expect(parseRoom('a'.repeat(32))).toEqual({ kind: 'workshop', workshopId: 'a'.repeat(32) });
  });

  it.each([
    ['empty', ''],
    ['four parts', 'abcdef.ghijkl.mnopqr.stuvwx'],
    ['short parts', 'a.b.c'],
    ['private room with an upper-case user', 'abcdef.ghijkl.MNOPQR'],
    ['private room with an empty user', 'abcdef.ghijkl.'],
    ['private room with traversal', 'abcdef.ghijkl.../..'],
    ['upper case workshop', 'ABCDEF'],
    ['upper case project', 'abcdef.GHIJKL'],
    ['path traversal', '../etc/passwd'],
    ['dot-dot', '..'],
    ['slash inside', 'abcdef/ghijkl'],
    ['encoded slash', 'abcdef%2Fghijkl'],
    ['leading dot', '.abcdef'],
    ['trailing dot', 'abcdef.'],
    ['empty project', 'abcdef..ghijkl'],
    ['too short', 'abc12'],
    ['too long', 'a'.repeat(33)],
    ['too long project', `abcdef.${'b'.repeat(33)}`],
    ['spaces', 'abc def'],
    ['dash', 'abc-def'],
    ['newline', 'abcdef\n'],
    ['non-ascii', 'abcdéf'],
  ])('refuses %s', (_label, name) => {
    expect(parseRoom(name)).toBeNull();
  });
});

describe('ids', () => {
  it('newId is lower-case alphanumeric with the requested length', () => {
    for (let i = 0; i < 200; i++) expect(newId()).toMatch(/^[a-z0-9]{12}$/);
    expect(newId(20)).toHaveLength(20);
    expect(newId(6)).toMatch(ID_PATTERN);
  });

  it('newJoinCode matches JOIN_CODE_PATTERN and never contains I, O, 0 or 1', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const code = newJoinCode();
      expect(code).toMatch(JOIN_CODE_PATTERN);
      expect(code).toHaveLength(6);
      expect(code).not.toMatch(/[IO01]/);
      for (const c of code) seen.add(c);
    }
    // over 30 000 draws every one of the 32 allowed characters shows up
    expect([...seen].sort().join('')).toBe('23456789ABCDEFGHJKLMNPQRSTUVWXYZ');
  });

  it('JOIN_CODE_PATTERN refuses look-alikes, lower case and wrong lengths', () => {
    for (const bad of ['ABCDEI', 'ABCDEO', 'ABCDE0', 'ABCDE1', 'abcdef', 'ABCDE', 'ABCDEFG', 'ABC-DE']) {
      expect(JOIN_CODE_PATTERN.test(bad), bad).toBe(false);
    }
    expect(JOIN_CODE_PATTERN.test('AB2CD9')).toBe(true);
  });

  it('normalizeJoinCode upper-cases and strips spaces and dashes', () => {
    expect(normalizeJoinCode('abc-def')).toBe('ABCDEF');
    expect(normalizeJoinCode(' ab c\tde f ')).toBe('ABCDEF');
    expect(normalizeJoinCode('AB-2C-D9')).toBe('AB2CD9');
    expect(normalizeJoinCode('XYZ234')).toBe('XYZ234');
    expect(normalizeJoinCode('')).toBe('');
  });

  it('normalizeJoinCode reads 0 as O and 1 as I, which codes never use: hasLookalike names the misread', () => {
    expect(normalizeJoinCode('k7px2m')).toBe('K7PX2M');
    expect(normalizeJoinCode('abc0d1')).toBe('ABCODI');
    expect(hasLookalike(normalizeJoinCode('abc0d1'))).toBe(true);
    expect(hasLookalike(normalizeJoinCode('abcodi'))).toBe(true);
    expect(hasLookalike(normalizeJoinCode('k7px2m'))).toBe(false);
    for (let i = 0; i < 200; i++) expect(hasLookalike(newJoinCode())).toBe(false);
  });
});

describe('joinBody', () => {
  const base = { joinCode: 'ABCDEF', name: 'Ada' };

  it('accepts a commune participant without community', () => {
    const r = joinBody.safeParse({ ...base, role: 'commune' });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ joinCode: 'ABCDEF', name: 'Ada', role: 'commune' });
  });

  it('accepts a lower-case code with a dash, normalised, and trims the name', () => {
    const r = joinBody.safeParse({ joinCode: 'abc-def', name: '  Grace  ', role: 'viewer' });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ joinCode: 'ABCDEF', name: 'Grace', role: 'viewer' });
  });

  it('requires a community for experts', () => {
    const r = joinBody.safeParse({ ...base, role: 'expert' });
    expect(r.success).toBe(false);
    expect(firstIssue(r.error!)).toEqual({ field: 'community', message: 'community: required for experts (maker, researcher or company)' });
  });

  it.each(['maker', 'researcher', 'company'] as const)('accepts an expert with community %s', (community) => {
    const r = joinBody.safeParse({ ...base, role: 'expert', community });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ joinCode: 'ABCDEF', name: 'Ada', role: 'expert', community });
  });

  it.each(['commune', 'viewer'] as const)('refuses a community for role %s', (role) => {
    const r = joinBody.safeParse({ ...base, role, community: 'maker' });
    expect(r.success).toBe(false);
    expect(firstIssue(r.error!)).toEqual({ field: 'community', message: 'community: only experts have a community' });
  });

  it('refuses an unknown community', () => {
    const r = joinBody.safeParse({ ...base, role: 'expert', community: 'banker' });
    expect(r.success).toBe(false);
    expect(firstIssue(r.error!).field).toBe('community');
  });

  it('refuses the facilitator role (not a join role)', () => {
    const r = joinBody.safeParse({ ...base, role: 'facilitator' });
    expect(r.success).toBe(false);
    expect(firstIssue(r.error!).field).toBe('role');
  });

  it('refuses a bad join code and reports the field', () => {
    for (const joinCode of ['ABCDE', 'ABCDEFG', '']) {
      const r = joinBody.safeParse({ ...base, joinCode, role: 'viewer' });
      expect(r.success, joinCode).toBe(false);
      expect(firstIssue(r.error!)).toEqual({ field: 'joinCode', message: 'joinCode: must be 6 letters or digits' });
    }
    // A look-alike gets its own reason: codes never use O, 0, I or 1.
    for (const joinCode of ['ABCDE1', 'ABCDEO', 'abcde0', 'ABCDEI']) {
      const r = joinBody.safeParse({ ...base, joinCode, role: 'viewer' });
      expect(firstIssue(r.error!)).toEqual({ field: 'joinCode', message: 'joinCode: join codes never contain O, 0, I or 1' });
    }
    const notString = joinBody.safeParse({ ...base, joinCode: 123456, role: 'viewer' });
    expect(firstIssue(notString.error!).field).toBe('joinCode');
  });

  it('refuses a blank or too long name', () => {
    const blank = joinBody.safeParse({ ...base, name: '   ', role: 'viewer' });
    expect(firstIssue(blank.error!)).toEqual({ field: 'name', message: 'name: required' });
    const long = joinBody.safeParse({ ...base, name: 'n'.repeat(61), role: 'viewer' });
    expect(firstIssue(long.error!)).toEqual({ field: 'name', message: 'name: too long (60 characters max)' });
    expect(joinBody.safeParse({ ...base, name: 'n'.repeat(60), role: 'viewer' }).success).toBe(true);
  });

  it('firstIssue names "body" when the issue has no path', () => {
    const r = joinBody.safeParse('not an object');
    expect(r.success).toBe(false);
    expect(firstIssue(r.error!).field).toBe('body');
    expect(firstIssue(r.error!).message).toMatch(/^body: /);
  });
});

describe('createWorkshopBody', () => {
  it('trims the title, name is optional', () => {
    expect(createWorkshopBody.parse({ title: '  Lab  ' })).toEqual({ title: 'Lab' });
    expect(createWorkshopBody.parse({ title: 'Lab', name: ' Ada ' })).toEqual({ title: 'Lab', name: 'Ada' });
  });

  it('refuses a blank or too long title', () => {
    const blank = createWorkshopBody.safeParse({ title: '  ' });
    expect(firstIssue(blank.error!)).toEqual({ field: 'title', message: 'title: required' });
    const long = createWorkshopBody.safeParse({ title: 't'.repeat(MAX_TITLE + 1) });
    expect(firstIssue(long.error!).field).toBe('title');
  });
});
