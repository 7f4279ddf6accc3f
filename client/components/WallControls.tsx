import { PROJECTOR_MODES, type ProjectorMode } from '../../shared/facilitation';
import { joinAdvertised } from '../../shared/wallModes';
import { useT } from '../i18n';
import { useFacilitation } from '../sync/useFacilitation';
import { PresentButton } from './PresentButton';
import './FacilitatorPanel.css';

/** The order modes are offered in the cockpit: the live views first, then the moments of a pitch. */
const MODE_ORDER: readonly ProjectorMode[] = ['canvas', 'board', 'ranking', 'challenges', 'summary', 'questions', 'timer', 'join', 'overview'];

/**
 * Facilitators: what the wall shows (one button per mode) and who presents — the lead facilitator
 * by default; the presenter or the lead hands the wall to another facilitator, or takes it back.
 */
export function WallControls() {
  const t = useT();
  const { me, state, presence, presenter, run } = useFacilitation();
  if (!state) return null;
  const current = state.projector;
  const canHand = presenter || me.lead === true;
  // Whom the wall can go to: the other facilitators here, not the one who has it (giving it back to
  // the lead is its own option).
  const team = presence.filter((p) => p.role === 'facilitator' && p.userId !== me.userId && p.userId !== state.presenter?.userId);
  const presenterLabel = presenter ? t('wall.you') : (state.presenter?.name ?? t('wall.lead'));
  const joinBlocked = !joinAdvertised(state);
  return (
    <div className="wall-controls" data-testid="wall-controls">
      <div className="wall-modes" role="group" aria-label={t('panel.projectorMode')}>
        {MODE_ORDER.filter((m) => PROJECTOR_MODES.includes(m)).map((m) => (
          <button
            key={m}
            type="button"
            className={`wall-mode${current === m ? ' is-active' : ''}`}
            data-testid={`wall-mode-${m}`}
            aria-pressed={current === m}
            disabled={m === 'join' && joinBlocked}
            title={m === 'join' && joinBlocked ? t('wall.joinBlocked') : undefined}
            onClick={() => void run({ type: 'policy.set', projector: m })}
          >
            {t(`projector.mode.${m}`)}
          </button>
        ))}
      </div>
      <div className="wall-presenter" data-testid="wall-presenter" data-presenting={state.presenting ? 'true' : 'false'}>
        <span className="small">
          {t('wall.presenterLabel')} <strong data-testid="wall-presenter-name">{presenterLabel}</strong>
          {state.presenting && <span className="live-dot" aria-label={t('wall.live')} />}
        </span>
        {presenter && <PresentButton testId="wall-present-toggle" />}
      </div>
      {canHand && (team.length > 0 || state.presenter) && (
        <label className="mini-field">
          <span>{t('wall.handOver')}</span>
          <select
            data-testid="wall-handover"
            value=""
            onChange={(e) => {
              const v = e.target.value;
              if (v) void run({ type: 'presenter.set', userId: v === 'lead' ? null : v });
            }}
          >
            <option value="">{t('wall.handOverPick')}</option>
            {state.presenter && <option value="lead">{t(me.lead ? 'wall.takeBack' : 'wall.giveBack')}</option>}
            {team.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
