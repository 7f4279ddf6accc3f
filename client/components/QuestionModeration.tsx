import { Check, Trash2 } from 'lucide-react';
import { useCallback } from 'react';
import type * as Y from 'yjs';
import type { RoomOptions } from '../../shared/facilitation';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { usePendingValue } from '../sync/usePendingValue';
import { useWorkshop } from '../sync/useWorkshop';
import './QuestionModeration.css';
import './QuestionsPanel.css';

/**
 * Facilitators: how audience questions are moderated (approval first, anonymous questions) and the
 * questions awaiting approval, across projects. Held questions come from the server to facilitators
 * only; approving one publishes it into its project.
 */
export function QuestionModeration({ workshopDoc }: { workshopDoc: Y.Doc }) {
  const t = useT();
  const { state } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  if (!state) return null;
  const projectName = (id: string) => workshop.projects.find((p) => p.id === id)?.name || t('project.untitled');
  return (
    <div className="question-moderation-panel" data-testid="question-moderation">
      <RoomOptionCheck option="questionApproval" testId="option-question-approval" label={t('questions.approvalOption')} />
      <RoomOptionCheck option="anonymousQuestions" testId="option-anonymous-questions" label={t('questions.anonymousOption')} />
      <HeldQuestions projectName={projectName} />
    </div>
  );
}

/** Questions awaiting approval: of one project (in its questions panel), or of all, with their project. */
export function HeldQuestions({ projectId, projectName }: { projectId?: string; projectName?: (id: string) => string }) {
  const t = useT();
  const { heldQuestions, run } = useFacilitation();
  const held = projectId ? heldQuestions.filter((q) => q.projectId === projectId) : heldQuestions;
  if (held.length === 0) return projectId ? null : <p className="muted small">{t('questions.noneHeld')}</p>;
  return (
    <section className="held-questions" aria-label={t('questions.held', { n: held.length })}>
      <h3 className="held-questions-title" data-testid="held-count" data-count={held.length}>
        {t('questions.held', { n: held.length })}
      </h3>
      <ol className="question-list">
        {held.map((q) => (
          <li key={q.id} className="question-item is-held" data-testid="held-question" data-question-id={q.id}>
            <div className="question-body">
              <p className="question-text">{q.text}</p>
              <p className="question-meta">
                {q.anonymous ? t('questions.anonymous') : q.authorName}
                {projectName && ` · ${projectName(q.projectId)}`}
              </p>
            </div>
            <span className="question-moderation">
              <button
                type="button"
                className="icon-button small"
                data-testid="held-approve"
                aria-label={t('questions.approve')}
                title={t('questions.approve')}
                onClick={() => void run({ type: 'question.approve', projectId: q.projectId, questionId: q.id })}
              >
                <Check size={16} aria-hidden="true" />
              </button>
              <button
                type="button"
                className="icon-button small"
                data-testid="held-delete"
                aria-label={t('questions.reject')}
                title={t('questions.reject')}
                onClick={() => void run({ type: 'question.delete', projectId: q.projectId, questionId: q.id })}
              >
                <Trash2 size={16} aria-hidden="true" />
              </button>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One of the room's options (`options.set`), as a checkbox: changed at once, the server's value once it answers. */
export function RoomOptionCheck({ option, label, testId }: { option: keyof RoomOptions; label: string; testId: string }) {
  const { state, run } = useFacilitation();
  const [checked, setChecked] = usePendingValue(
    state?.options[option] ?? false,
    useCallback((v: boolean) => run({ type: 'options.set', [option]: v }), [run, option]),
  );
  return (
    <label className="check">
      <input type="checkbox" data-testid={testId} checked={checked} onChange={(e) => setChecked(e.target.checked)} />
      {label}
    </label>
  );
}
