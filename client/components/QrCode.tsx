import { useMemo } from 'react';
import { renderSVG } from 'uqr';
import './QrCode.css';

/** A QR code as inline SVG, dark on white with a four-module quiet zone. */
export function QrCode({ value, label, className = '', testId }: { value: string; label: string; className?: string; testId?: string }) {
  const svg = useMemo(() => renderSVG(value, { border: 4, ecc: 'M', pixelSize: 8, blackColor: '#111418', whiteColor: '#ffffff' }), [value]);
  return (
    <div
      className={`qr-code ${className}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-value={value}
      // Generated locally from `value` by uqr: no outside markup reaches the page.
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
