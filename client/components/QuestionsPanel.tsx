import { Eye, EyeOff, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { questionLists } from '../../shared/questions';
import { MAX_QUESTION_LENGTH, readQuestions, type QuestionView } from '../../shared/schema';
import { useT } from '../i18n';
import { useDocValue } from '../sync/useDocValue';
import { useFacilitation } from '../sync/useFacilitation';
import { useProjectDoc } from '../sync/useProjectDoc';
import { HeldQuestions } from './QuestionModeration';
import './QuestionsPanel.css';

/**
 * Audience questions of a project (pitch): ask (anonymously when the workshop allows it), upvote;
 * answered ones in an archive. Facilitators approve held questions, show one on the wall, hide or
 * delete.
 */
export function QuestionsPanel({ projectId, projectName }: { projectId: string; projectName: string }) {
  const t = useT();
  const doc = useProjectDoc(projectId);
  return (
    <section className="questions-panel" data-testid="questions-panel" aria-labelledby="questions-heading">
      <h2 id="questions-heading" className="questions-heading">
        {t('questions.heading')} <span className="muted">· {projectName}</span>
      </h2>
      {doc ? <QuestionsList doc={doc} projectId={projectId} /> : <p className="muted small">{t('questions.loading')}</p>}
    </section>
  );
}

function QuestionsList({ doc, projectId }: { doc: Y.Doc; projectId: string }) {
  const t = useT();
  const { me, run, state } = useFacilitation();
  const questions = useDocValue(doc, readQuestions);
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [sending, setSending] = useState(false);
  // My questions sent for approval; the note goes once they are published.
  const [pendingIds, setPendingIds] = useState<string[]>([]);
  const facilitator = me.role === 'facilitator';
  const mayBeAnonymous = Boolean(state?.options.anonymousQuestions) && !facilitator;
  const { open, archive } = questionLists(questions, facilitator);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const clean = text.trim();
    if (!clean || sending) return;
    setSending(true);
    const ack = await run({ type: 'question.ask', projectId, text: clean, ...(mayBeAnonymous && anonymous ? { anonymous: true } : {}) });
    setSending(false);
    if (ack.ok) {
      setText('');
      const data = ack.data as { questionId: string; pending?: boolean } | undefined;
      if (data?.pending) setPendingIds((ids) => [...ids, data.questionId]);
    }
  };

  return (
    <>
      <form className="question-form" onSubmit={submit}>
        <div className="question-form-row">
          <label className="visually-hidden" htmlFor="question-input">
            {t('questions.ask')}
          </label>
          <input
            id="question-input"
            data-testid="question-input"
            value={text}
            maxLength={MAX_QUESTION_LENGTH}
            placeholder={t('questions.placeholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="button primary small" data-testid="question-submit" disabled={!text.trim() || sending}>
            {t('questions.submit')}
          </button>
        </div>
        {mayBeAnonymous && (
          <label className="check small">
            <input type="checkbox" data-testid="question-anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
            {t('questions.askAnonymously')}
          </label>
        )}
      </form>
      {pendingIds.some((id) => !questions.some((q) => q.id === id)) && (
        <p className="notice small" role="status" data-testid="question-pending">
          {t('questions.pendingNote')}
        </p>
      )}
      {facilitator && <HeldQuestions projectId={projectId} />}
      {open.length === 0 ? (
        <p className="muted small">{t('questions.empty')}</p>
      ) : (
        <QuestionItems questions={open} projectId={projectId} testId="questions-open" />
      )}
      {archive.length > 0 && (
        <details className="questions-archive" data-testid="questions-archive">
          <summary>{t('questions.archive', { n: archive.length })}</summary>
          <QuestionItems questions={archive} projectId={projectId} testId="questions-answered" />
        </details>
      )}
    </>
  );
}

function QuestionItems({ questions, projectId, testId }: { questions: QuestionView[]; projectId: string; testId: string }) {
  const t = useT();
  const { me, run, state } = useFacilitation();
  const facilitator = me.role === 'facilitator';
  const shown = state?.shownQuestion?.projectId === projectId ? state.shownQuestion.questionId : null;
  return (
    <ol className="question-list" data-testid={testId}>
      {questions.map((q) => {
        const mine = q.upvoters.includes(me.userId);
        const isShown = shown === q.id;
        return (
          <li
            key={q.id}
            className={`question-item${q.answered ? ' is-answered' : ''}${isShown ? ' is-shown' : ''}${q.hidden ? ' is-hidden' : ''}`}
            data-testid="question-item"
            data-question-id={q.id}
            data-answered={q.answered ? 'true' : 'false'}
            data-hidden={q.hidden ? 'true' : 'false'}
          >
            <button
              type="button"
              className={`question-upvote${mine ? ' is-mine' : ''}`}
              data-testid="question-upvote"
              aria-pressed={mine}
              onClick={() => void run({ type: 'question.upvote', projectId, questionId: q.id })}
            >
              <span aria-hidden="true">▲</span>
              <span className="question-votes" data-testid="question-votes">
                {q.upvoters.length}
              </span>
              {/* The visible count is part of the name (a label with the count in brackets did not match it). */}
              <span className="visually-hidden"> {t('questions.upvoteHidden')}</span>
            </button>
            <div className="question-body">
              <p className="question-text">{q.text}</p>
              <p className="question-meta" data-testid="question-author">
                {q.anonymous ? t('questions.anonymous') : q.authorName}
                {q.answered && ` · ${t('questions.answered')}`}
                {isShown && ` · ${t('questions.onScreen')}`}
                {q.hidden && ` · ${t('questions.hiddenBadge')}`}
              </p>
            </div>
            {facilitator && (
              <div className="question-actions">
                {!q.hidden && !q.answered && (
                  <button
                    type="button"
                    className={`button small${isShown ? ' primary' : ''}`}
                    data-testid="question-show"
                    aria-pressed={isShown}
                    onClick={() => void run({ type: 'question.show', projectId, questionId: isShown ? null : q.id })}
                  >
                    {t(isShown ? 'questions.hide' : 'questions.show')}
                  </button>
                )}
                <button
                  type="button"
                  className="button small ghost"
                  data-testid="question-answer"
                  aria-pressed={q.answered}
                  onClick={() => void run({ type: 'question.answer', projectId, questionId: q.id, answered: !q.answered })}
                >
                  {t(q.answered ? 'questions.reopen' : 'questions.markAnswered')}
                </button>
                <span className="question-moderation">
                  <button
                    type="button"
                    className="icon-button small"
                    data-testid="question-hide"
                    aria-pressed={q.hidden}
                    aria-label={t(q.hidden ? 'questions.unhide' : 'questions.moderate')}
                    title={t(q.hidden ? 'questions.unhide' : 'questions.moderate')}
                    onClick={() => void run({ type: 'question.hide', projectId, questionId: q.id, hidden: !q.hidden })}
                  >
                    {q.hidden ? <Eye size={16} aria-hidden="true" /> : <EyeOff size={16} aria-hidden="true" />}
                  </button>
                  <button
                    type="button"
                    className="icon-button small"
                    data-testid="question-delete"
                    aria-label={t('questions.delete')}
                    title={t('questions.delete')}
                    onClick={() => confirm(t('questions.deleteConfirm')) && void run({ type: 'question.delete', projectId, questionId: q.id })}
                  >
                    <Trash2 size={16} aria-hidden="true" />
                  </button>
                </span>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
