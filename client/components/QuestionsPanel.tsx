import { useState, type FormEvent } from 'react';
import type * as Y from 'yjs';
import { MAX_QUESTION_LENGTH, readQuestions } from '../../shared/schema';
import { useT } from '../i18n';
import { useDocValue } from '../sync/useDocValue';
import { useFacilitation } from '../sync/useFacilitation';
import { useProjectDoc } from '../sync/useProjectDoc';

/** Audience questions of a project (pitch): ask, upvote; facilitators show one on the projector. */
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
  const [sending, setSending] = useState(false);
  const facilitator = me.role === 'facilitator';
  const shown = state?.shownQuestion?.projectId === projectId ? state.shownQuestion.questionId : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const clean = text.trim();
    if (!clean || sending) return;
    setSending(true);
    const ack = await run({ type: 'question.ask', projectId, text: clean });
    setSending(false);
    if (ack.ok) setText('');
  };

  return (
    <>
      <form className="question-form" onSubmit={submit}>
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
      </form>
      {questions.length === 0 ? (
        <p className="muted small">{t('questions.empty')}</p>
      ) : (
        <ol className="question-list">
          {questions.map((q) => {
            const mine = q.upvoters.includes(me.userId);
            const isShown = shown === q.id;
            return (
              <li
                key={q.id}
                className={`question-item${q.answered ? ' is-answered' : ''}${isShown ? ' is-shown' : ''}`}
                data-testid="question-item"
                data-question-id={q.id}
                data-answered={q.answered ? 'true' : 'false'}
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
                  <p className="question-meta">
                    {q.authorName}
                    {q.answered && ` · ${t('questions.answered')}`}
                    {isShown && ` · ${t('questions.onScreen')}`}
                  </p>
                </div>
                {facilitator && (
                  <div className="question-actions">
                    <button
                      type="button"
                      className={`button small${isShown ? ' primary' : ''}`}
                      data-testid="question-show"
                      aria-pressed={isShown}
                      onClick={() => void run({ type: 'question.show', projectId, questionId: isShown ? null : q.id })}
                    >
                      {t(isShown ? 'questions.hide' : 'questions.show')}
                    </button>
                    <button
                      type="button"
                      className="button small ghost"
                      data-testid="question-answer"
                      aria-pressed={q.answered}
                      onClick={() => void run({ type: 'question.answer', projectId, questionId: q.id, answered: !q.answered })}
                    >
                      {t(q.answered ? 'questions.reopen' : 'questions.markAnswered')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
