import { useT } from '../i18n';
import { setLayoutChoice, useNarrowScreen, usePhoneMode } from './usePhoneMode';

/** Switches between the phone layout and the full one (the board and panels), kept on this device. */
export function LayoutSwitch() {
  const t = useT();
  const phone = usePhoneMode();
  const narrow = useNarrowScreen();
  return (
    <button
      type="button"
      className="button ghost layout-switch"
      data-testid="layout-switch"
      // Back to what the screen would choose by itself when that is what is asked for.
      onClick={() => setLayoutChoice(phone === narrow ? (phone ? 'full' : 'phone') : null)}
    >
      {t(phone ? 'phone.toFull' : 'phone.toPhone')}
    </button>
  );
}
