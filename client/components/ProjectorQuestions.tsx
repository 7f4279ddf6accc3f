import { wallQuestions } from '../../shared/questions';
import { readQuestions } from '../../shared/schema';
import { useT } from '../i18n';
import { useDocValue } from '../sync/useDocValue';
import { useFacilitation } from '../sync/useFacilitation';
import { useProjectDoc } from '../sync/useProjectDoc';
import type * as Y from 'yjs';
import '../views/ProjectorView.css';

/** Pitch questions on the wall: the one the facilitator shows, huge, and the most upvoted. */
export function ProjectorQuestions({ projectId }: { projectId: string }) {
  const t = useT();
  const { state } = useFacilitation();
  // The shown question may belong to another project than the one in focus.
  const sourceId = state?.shownQuestion?.projectId ?? projectId;
  const doc = useProjectDoc(sourceId);
  if (!doc) return <p className="projector-loading">{t('questions.loading')}</p>;
  return <Questions doc={doc} shownId={state?.shownQuestion?.projectId === sourceId ? state.shownQuestion.questionId : null} />;
}

function Questions({ doc, shownId }: { doc: Y.Doc; shownId: string | null }) {
  const t = useT();
  const questions = wallQuestions(useDocValue(doc, readQuestions));
  const shown = shownId ? questions.find((q) => q.id === shownId) : undefined;
  const others = questions.filter((q) => q.id !== shown?.id && !q.answered).slice(0, shown ? 4 : 7);
  return (
    <div className={`projector-questions${shown ? ' has-shown' : ''}`}>
      {shown ? (
        <figure className="projector-shown-question" data-testid="projector-question">
          <blockquote>{shown.text}</blockquote>
          <figcaption>
            {shown.anonymous ? t('questions.anonymous') : shown.authorName} · ▲ {shown.upvoters.length}
          </figcaption>
        </figure>
      ) : (
        <p className="projector-questions-prompt">{t('projector.askPrompt')}</p>
      )}
      {others.length > 0 && (
        <ol className="projector-question-list">
          {others.map((q) => (
            <li key={q.id} data-testid="projector-question-item">
              <span className="projector-q-votes">▲ {q.upvoters.length}</span>
              <span className="projector-q-text">{q.text}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
