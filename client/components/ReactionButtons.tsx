import { useT } from '../i18n';
import { REACTIONS } from '../reactions';
import { useFacilitation } from '../sync/useFacilitation';
import { ReactionIcon } from './ReactionIcon';

/** One button per reaction, each sending it to the room (the participant bar, the phone's bar). */
export function ReactionButtons({ className, buttonClassName, iconSize }: { className: string; buttonClassName: string; iconSize?: number }) {
  const t = useT();
  const { run } = useFacilitation();
  return (
    <div className={className} role="group" aria-label={t('reactions.label')}>
      {REACTIONS.map((r) => (
        <button
          key={r}
          type="button"
          className={buttonClassName}
          data-testid="reaction-button"
          data-reaction={r}
          aria-label={t('reactions.send', { reaction: r })}
          title={t('reactions.send', { reaction: r })}
          onClick={() => void run({ type: 'reaction.send', reaction: r })}
        >
          <ReactionIcon reaction={r} size={iconSize} />
        </button>
      ))}
    </div>
  );
}
