import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignExpert, panelProjectsOf, readPanels, suggestPanel, unassignExpert, type Expert } from '../../shared/panels';

const ex = (userId: string, name: string, community: Expert['community']): Expert => ({ userId, name, community });
const ada = ex('ada00001', 'Ada', 'maker');
const bea = ex('bea00001', 'Béa', 'maker');
const carl = ex('carl0001', 'Carl', 'researcher');
const dora = ex('dora0001', 'Dora', 'company');
const eli = ex('eli00001', 'Eli', 'researcher');

const projects = [
  { id: 'andenne1', themeId: 'citizens' },
  { id: 'gemblou1', themeId: 'citizens' },
  { id: 'namurxx1', themeId: 'techdata' },
];

describe('expert panels in the workshop document', () => {
  it('assigns, reads (sorted by name) and removes members; an expert sees their projects', () => {
    const doc = new Y.Doc();
    assignExpert(doc, 'andenne1', carl);
    assignExpert(doc, 'andenne1', ada);
    assignExpert(doc, 'namurxx1', ada);
    expect(readPanels(doc)).toEqual({ andenne1: [ada, carl], namurxx1: [ada] });
    expect(panelProjectsOf(readPanels(doc), ada.userId).sort()).toEqual(['andenne1', 'namurxx1']);
    unassignExpert(doc, 'namurxx1', ada.userId);
    expect(readPanels(doc)).toEqual({ andenne1: [ada, carl] });
    expect(panelProjectsOf(readPanels(doc), 'nobody01')).toEqual([]);
  });
});

describe('panel suggestions', () => {
  it('covers the three communities first', () => {
    const picked = suggestPanel(projects[0], projects, [ada, bea, carl, eli, dora], {});
    expect(picked.map((e) => e.community).sort()).toEqual(['company', 'maker', 'researcher']);
  });

  it('completes a panel with the communities it lacks, never repeating a member', () => {
    const picked = suggestPanel(projects[0], projects, [ada, bea, carl, dora], { andenne1: [ada] });
    expect(picked.map((e) => e.userId).sort()).toEqual([carl.userId, dora.userId].sort());
    expect(suggestPanel(projects[0], projects, [ada, carl, dora], { andenne1: [ada, carl, dora] })).toEqual([]);
  });

  it('prefers an expert already on a panel of the same theme, then the least loaded', () => {
    // Gembloux shares Andenne's theme: Eli, on its panel, is preferred over Carl for Andenne.
    const panels = { gemblou1: [eli], namurxx1: [carl] };
    expect(suggestPanel(projects[0], projects, [carl, eli], panels)[0]).toEqual(eli);
    // For Namur (another theme), between two makers, the one on fewer panels.
    const load = { andenne1: [ada], gemblou1: [ada] };
    expect(suggestPanel(projects[2], projects, [ada, bea], load)[0]).toEqual(bea);
  });
});
