/** The QR picture of a code's link, as SVG (prints sharp at any size) or a PNG data URL for pages. */
import QRCode from 'qrcode';

// Level M recovers from about 15 % damage: enough for a printed certificate or a phone screen.
const OPTIONS = { errorCorrectionLevel: 'M' as const, margin: 2 };

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' });
}

export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { ...OPTIONS, width: 320 });
}
