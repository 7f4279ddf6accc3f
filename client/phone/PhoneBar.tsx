import { MessageCircleQuestionMark, SlidersHorizontal, SmilePlus, X } from 'lucide-react';
import { useState } from 'react';
import { QuestionsPanel } from '../components/QuestionsPanel';
import { HandIcon } from '../components/ReactionIcon';
import { ReactionButtons } from '../components/ReactionButtons';
import { FloatingReactions } from '../components/FloatingReactions';
import { TimerDisplay } from '../components/TimerDisplay';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { useOpenPhoneCockpit } from './PhoneCockpit';
import '../components/ParticipantBar.css';

/**
 * The bottom bar of the phone pages: the current stage and timer, then three thumb-sized actions —
 * raise a hand, react, the audience questions of the project (a sheet over the page).
 */
export function PhoneBar({ questionsProject }: { questionsProject: { id: string; name: string } | null }) {
  const t = useT();
  const { me, state, run, status } = useFacilitation();
  const [sheet, setSheet] = useState<'reactions' | 'questions' | null>(null);
  const raised = state?.hands.some((h) => h.userId === me.userId) ?? false;
  const toggle = (which: 'reactions' | 'questions') => setSheet((s) => (s === which ? null : which));
  const openCockpit = useOpenPhoneCockpit();

  return (
    <>
      {sheet === 'questions' && questionsProject && (
        <div className="phone-sheet" role="dialog" aria-modal="false" aria-label={t('questions.heading')} data-testid="phone-questions-sheet">
          <button type="button" className="phone-sheet-close icon-button" aria-label={t('phone.close')} onClick={() => setSheet(null)}>
            <X size={22} aria-hidden="true" />
          </button>
          <QuestionsPanel projectId={questionsProject.id} projectName={questionsProject.name} />
        </div>
      )}
      {sheet === 'reactions' && <ReactionButtons className="phone-reactions" buttonClassName="phone-reaction" iconSize={26} />}
      <FloatingReactions />
      <nav className="phone-bar" data-testid="participant-bar" aria-label={t('phone.barLabel')} data-stage={state?.stage}>
        <div className="phone-bar-status">
          {state ? (
            <>
              <span className={`stage-pill stage-${state.stage}`} data-testid="current-stage" data-stage={state.stage}>
                {t(`stage.${state.stage}`)}
              </span>
              <TimerDisplay />
            </>
          ) : (
            <span className="muted small">{t(status === 'connected' ? 'facilitation.loading' : 'facilitation.offline')}</span>
          )}
        </div>
        <button
          type="button"
          className={`phone-bar-action${raised ? ' is-on' : ''}`}
          data-testid="hand-raise"
          aria-pressed={raised}
          onClick={() => void run(raised ? { type: 'hand.lower' } : { type: 'hand.raise' })}
        >
          <HandIcon size={22} />
          <span className="phone-bar-label">{t(raised ? 'phone.handLower' : 'phone.hand')}</span>
        </button>
        <button
          type="button"
          className={`phone-bar-action${sheet === 'reactions' ? ' is-on' : ''}`}
          data-testid="phone-reactions-toggle"
          aria-expanded={sheet === 'reactions'}
          onClick={() => toggle('reactions')}
        >
          <SmilePlus size={22} aria-hidden="true" />
          <span className="phone-bar-label">{t('phone.react')}</span>
        </button>
        {questionsProject && (
          <button
            type="button"
            className={`phone-bar-action${sheet === 'questions' ? ' is-on' : ''}`}
            data-testid="questions-toggle"
            aria-expanded={sheet === 'questions'}
            onClick={() => toggle('questions')}
          >
            <MessageCircleQuestionMark size={22} aria-hidden="true" />
            <span className="phone-bar-label">{t('phone.questions')}</span>
          </button>
        )}
        {openCockpit && (
          <button type="button" className="phone-bar-action" data-testid="phone-cockpit-open" onClick={openCockpit}>
            <SlidersHorizontal size={22} aria-hidden="true" />
            <span className="phone-bar-label">{t('panel.heading')}</span>
          </button>
        )}
      </nav>
    </>
  );
}
