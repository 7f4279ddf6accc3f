import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addQuestion, deleteQuestion, setQuestionAnswered, setQuestionHidden } from '../../shared/operations';
import { questionLists, wallQuestions } from '../../shared/questions';
import { exportWorkshop, workshopJson } from '../../shared/report/exportJson';
import { importWorkshop } from '../../shared/report/importJson';
import { readQuestions } from '../../shared/schema';
import { reportFixture } from './reportFixture';

function doc() {
  const d = new Y.Doc();
  addQuestion(d, { id: 'q1', text: 'Combien ?', authorId: 'u1', authorName: 'Ada', askedAt: 1 });
  addQuestion(d, { id: 'q2', text: 'Qui paie ?', authorId: '', authorName: '', askedAt: 2, anonymous: true });
  addQuestion(d, { id: 'q3', text: 'Insulte', authorId: 'u3', authorName: 'Troll', askedAt: 3 });
  addQuestion(d, { id: 'q4', text: 'Quand ?', authorId: 'u4', authorName: 'Bo', askedAt: 4 });
  setQuestionHidden(d, 'q3', true);
  setQuestionAnswered(d, 'q4', true);
  return d;
}
const ids = (qs: Array<{ id: string }>) => qs.map((q) => q.id);

describe('question visibility', () => {
  it('participants never see hidden questions; answered ones go to the archive', () => {
    const { open, archive } = questionLists(readQuestions(doc()), false);
    expect(ids(open)).toEqual(['q1', 'q2']);
    expect(ids(archive)).toEqual(['q4']);
  });

  it('facilitators see hidden questions too, marked', () => {
    const { open } = questionLists(readQuestions(doc()), true);
    expect(ids(open)).toEqual(['q1', 'q2', 'q3']);
    expect(open.find((q) => q.id === 'q3')?.hidden).toBe(true);
  });

  it('the wall lists neither hidden nor answered questions', () => {
    expect(ids(wallQuestions(readQuestions(doc())))).toEqual(['q1', 'q2']);
  });

  it('an anonymous question carries no author at all', () => {
    const q = readQuestions(doc()).find((x) => x.id === 'q2')!;
    expect([q.anonymous, q.authorId, q.authorName]).toEqual([true, '', '']);
    expect(readQuestions(doc()).find((x) => x.id === 'q1')!.anonymous).toBe(false);
  });

  it('hiding can be undone; deleting removes the question; unknown ids change nothing', () => {
    const d = doc();
    expect(setQuestionHidden(d, 'q3', false)).toBe(true);
    expect(ids(questionLists(readQuestions(d), false).open)).toContain('q3');
    expect(deleteQuestion(d, 'q1')).toBe(true);
    expect(ids(readQuestions(d))).not.toContain('q1');
    expect(deleteQuestion(d, 'nope')).toBe(false);
    expect(setQuestionHidden(d, 'nope', true)).toBe(false);
  });
});

describe('moderation in the JSON export', () => {
  it('a hidden question stays hidden and an anonymous one nameless after export and import', () => {
    const { workshop, projects } = reportFixture();
    const namur = projects.namur;
    setQuestionHidden(namur, 'q1', true);
    addQuestion(namur, { id: 'q9', text: 'Sans nom ?', authorId: '', authorName: '', askedAt: 5, anonymous: true });
    const back = importWorkshop(JSON.parse(workshopJson(exportWorkshop(workshop, projects))));
    const qs = readQuestions(back.projects.namur);
    expect(qs.find((q) => q.id === 'q1')).toMatchObject({ hidden: true, anonymous: false });
    expect(qs.find((q) => q.id === 'q9')).toMatchObject({ hidden: false, anonymous: true, authorName: '' });
    expect(ids(questionLists(qs, false).open)).not.toContain('q1');
  });
});
