import { CircleHelp, Hand, Heart, Lightbulb, PartyPopper, ThumbsUp, Zap, type LucideIcon } from 'lucide-react';
import type { Reaction } from '../../shared/facilitation';

/**
 * Reactions travel as emoji (the wire contract) but are drawn as inline SVG: projector PCs often
 * have no emoji font and would show empty boxes.
 */
const ICONS: Record<Reaction, { Icon: LucideIcon; color: string }> = {
  '👍': { Icon: ThumbsUp, color: '#1f6feb' },
  '❤️': { Icon: Heart, color: '#d1243b' },
  '💡': { Icon: Lightbulb, color: '#c98a00' },
  '👏': { Icon: PartyPopper, color: '#8250df' },
  '😮': { Icon: Zap, color: '#d4570b' },
  '❓': { Icon: CircleHelp, color: '#1a7f37' },
};

export function ReactionIcon({ reaction, size = 20 }: { reaction: string; size?: number }) {
  const entry = ICONS[reaction as Reaction] as (typeof ICONS)[Reaction] | undefined;
  if (!entry) return null;
  const { Icon, color } = entry;
  return <Icon size={size} color={color} strokeWidth={2.2} aria-hidden="true" />;
}

/** The raised hand, also drawn, not typed. */
export const HandIcon = ({ size = 16 }: { size?: number }) => <Hand size={size} strokeWidth={2.2} aria-hidden="true" />;
