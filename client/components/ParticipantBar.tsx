import { useState } from 'react';
import type * as Y from 'yjs';
import { useT } from '../i18n';
import { navigate, paths } from '../router';
import { useFacilitation } from '../sync/useFacilitation';
import { useStageChanged } from '../sync/useStageChanged';
import { useWorkshop } from '../sync/useWorkshop';
import { FloatingReactions } from './FloatingReactions';
import { QuestionsPanel } from './QuestionsPanel';
import { ReactionButtons } from './ReactionButtons';
import { HandIcon } from './ReactionIcon';
import { TimerDisplay } from './TimerDisplay';
import './ParticipantBar.css';

/**
 * The facilitation bar everyone sees under the overview and the canvases: stage and timer, follow the
 * facilitator, raise a hand, react, audience questions, and the state of the dot vote.
 */
export function ParticipantBar({ projectId, workshopDoc }: { projectId: string | null; workshopDoc: Y.Doc }) {
  const t = useT();
  const { me, state, ballot, run, following, setFollowing, status, workshopId } = useFacilitation();
  const workshop = useWorkshop(workshopDoc);
  const pitch = state?.stage === 'pitch';
  // The questions never open by themselves over the board (the button is highlighted at a pitch);
  // a new stage closes them.
  const [questionsOpen, setQuestionsOpen] = useState(false);
  useStageChanged(() => setQuestionsOpen(false));
  const showQuestions = questionsOpen;

  if (!state) {
    return (
      <div className="participant-bar" data-testid="participant-bar">
        <span className="muted small">{t(status === 'connected' ? 'facilitation.loading' : 'facilitation.offline')}</span>
      </div>
    );
  }

  const questionsProjectId = projectId ?? state.projectId;
  const questionsProject = workshop.projects.find((p) => p.id === questionsProjectId);
  const raised = state.hands.some((h) => h.userId === me.userId);
  const vote = state.vote;
  // No ballot yet for this round (the server sends one after your first vote): the whole budget.
  const remaining = vote?.status === 'open' ? (ballot && ballot.roundId === vote.id ? ballot.remaining : vote.budget) : 0;
  const voteProject = vote ? workshop.projects.find((p) => p.id === vote.projectId) : undefined;
  const canVote = me.role !== 'viewer';
  const facilitator = me.role === 'facilitator';

  return (
    <div className="participant-bar" data-testid="participant-bar" data-stage={state.stage}>
      <FloatingReactions />
      {showQuestions && questionsProjectId && (
        <div className="questions-popover">
          <QuestionsPanel projectId={questionsProjectId} projectName={questionsProject?.name || t('project.untitled')} />
        </div>
      )}
      <div className="bar-group">
        <span className={`stage-pill stage-${state.stage}`} data-testid="current-stage" data-stage={state.stage}>
          {t(`stage.${state.stage}`)}
        </span>
        <TimerDisplay />
      </div>

      {vote?.status === 'open' && canVote && (
        <div className="bar-group vote-status" data-testid="vote-status">
          <span className="vote-status-dot" aria-hidden="true">
            ●
          </span>
          <span data-testid="vote-remaining" data-remaining={remaining}>
            {t('vote.remaining', { n: remaining })}
          </span>
          {vote.projectId !== projectId && (
            <button type="button" className="button small" onClick={() => navigate(paths.canvas(workshopId, vote.projectId))}>
              {t('vote.goTo', { name: voteProject?.name || t('project.untitled') })}
            </button>
          )}
        </div>
      )}
      {vote?.status === 'closed' && vote.projectId !== projectId && (
        <div className="bar-group">
          <button type="button" className="button small ghost" onClick={() => navigate(paths.canvas(workshopId, vote.projectId))}>
            {t('vote.seeResults', { name: voteProject?.name || t('project.untitled') })}
          </button>
        </div>
      )}

      <div className="bar-spacer" />

      <ReactionButtons className="bar-group reactions" buttonClassName="reaction-button" />

      <div className="bar-group">
        {state.hands.length > 0 && (
          <span className="hands-count" title={state.hands.map((h) => h.name).join(', ')} data-testid="hands-count">
            <HandIcon /> {state.hands.length}
          </span>
        )}
        <button
          type="button"
          className={`button small${raised ? ' primary' : ''}`}
          data-testid="hand-raise"
          aria-pressed={raised}
          onClick={() => void run(raised ? { type: 'hand.lower' } : { type: 'hand.raise' })}
        >
          <HandIcon /> {t(raised ? 'hands.lower' : 'hands.raise')}
        </button>
        {questionsProjectId && (
          <button
            type="button"
            className={`button small${showQuestions ? ' is-active' : pitch ? ' primary' : ''}`}
            data-testid="questions-toggle"
            aria-expanded={showQuestions}
            onClick={() => setQuestionsOpen(!showQuestions)}
          >
            {t('questions.heading')}
          </button>
        )}
        {!facilitator && (
          <button
            type="button"
            className={`button small follow-toggle${following ? ' primary' : ''}`}
            data-testid="follow-toggle"
            aria-pressed={following}
            onClick={() => setFollowing(!following)}
          >
            {t(following ? 'follow.on' : 'follow.off')}
          </button>
        )}
      </div>
    </div>
  );
}
