export { signCode, checkCode, type CodeContent, type CodeCheck } from './codes.js';
export { qrSvg, qrDataUrl } from './qr.js';
export { CODE_REFUSALS, type CodeRefusal } from './contract.js';
