/**
 * What a file must be to be uploaded (pure, no I/O, no Node APIs): the accepted types with the
 * bytes each starts with, the size limit and the name rules. The server refuses by these
 * (src/platform/uploads.ts) and the web app checks a chosen file by the very same rules before
 * sending it, so the two never disagree on a limit or a message.
 */

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const ZIP = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const startsWith = (prefix: readonly number[]) => (b: Uint8Array) => prefix.every((byte, i) => b[i] === byte);

/** Accepted types: their usual extensions, whether they show as a picture, and how their content starts. */
const KINDS = {
  'image/jpeg': { extensions: ['.jpg', '.jpeg'], image: true, matches: startsWith([0xff, 0xd8, 0xff]) },
  'image/png': { extensions: ['.png'], image: true, matches: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  'application/pdf': { extensions: ['.pdf'], image: false, matches: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  // Office Open XML (docx, xlsx) files are zip archives.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { extensions: ['.docx'], image: false, matches: ZIP },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { extensions: ['.xlsx'], image: false, matches: ZIP },
} as const satisfies Record<string, { extensions: readonly string[]; image: boolean; matches: (b: Uint8Array) => boolean }>;

export type AttachmentType = keyof typeof KINDS;
export const ATTACHMENT_TYPES = Object.keys(KINDS) as AttachmentType[];
/** How many leading bytes the content check reads. */
export const SIGNATURE_BYTES = 8;
/** The `accept` list of a file input: every accepted type and extension. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_TYPES.flatMap((t) => [t, ...KINDS[t].extensions]).join(',');

const isAccepted = (type: string): type is AttachmentType => Object.prototype.hasOwnProperty.call(KINDS, type);

/** Whether files of this type are shown as a picture (a thumbnail) rather than a link. */
export const isImageType = (type: string) => isAccepted(type) && KINDS[type].image;

/**
 * The type a file is sent as: the browser's when it is one we accept, else the one its extension
 * names (a browser may know no type for .docx), else the browser's as given, to be refused.
 */
export function attachmentTypeOf(fileName: string, browserType: string): string {
  const type = browserType.split(';')[0].trim().toLowerCase();
  if (isAccepted(type)) return type;
  const ext = /\.[a-z0-9]+$/i.exec(fileName)?.[0].toLowerCase();
  return ATTACHMENT_TYPES.find((t) => (KINDS[t].extensions as readonly string[]).includes(ext ?? '')) ?? type;
}

export interface UploadProblem {
  code: 'attachment_type' | 'attachment_empty' | 'attachment_too_large' | 'attachment_mismatch' | 'attachment_name';
  zh: string;
  en: string;
}

/**
 * Why a file name cannot be kept as given, or null. A name is shown to staff and handed back
 * when the file is downloaded, so it must not hide what it is: no control characters, no
 * bidirectional overrides (which show `gpj.exe` as `exe.jpg`), no path, no name Windows reserves
 * for a device (CON, NUL, COM1…), no trailing dot or space (which Windows drops).
 */
export function fileNameProblem(fileName: string): { zh: string; en: string } | null {
  const name = fileName.normalize('NFC');
  if (!name.trim()) return { zh: '文件名不能为空', en: 'The file name is empty' };
  if (name.length > 200) return { zh: '文件名超过 200 个字符', en: 'The file name is longer than 200 characters' };
  if (/[\\/]/.test(name) || name === '.' || name === '..') return { zh: '文件名不能包含路径（/ 或 \\）', en: 'The file name must not contain a path (/ or \\)' };
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return { zh: '文件名含有控制字符', en: 'The file name contains control characters' };
  if (/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(name)) {
    return { zh: '文件名含有改变文字方向的字符，可能掩盖真实的扩展名', en: 'The file name contains text-direction characters, which can disguise its real extension' };
  }
  if (/^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\.|$)/i.test(name.trim())) {
    return { zh: `「${name}」是 Windows 保留的设备名，请改名后上传`, en: `"${name}" is a device name Windows reserves; rename the file and upload it again` };
  }
  if (/[. ]$/.test(name)) return { zh: '文件名不能以点或空格结尾', en: 'The file name must not end with a dot or a space' };
  return null;
}

const MB = MAX_ATTACHMENT_BYTES / 1024 / 1024;

/**
 * Why this file cannot be uploaded, or null: the type is accepted, the file is neither empty nor
 * larger than the limit, its first bytes (`head`, at least SIGNATURE_BYTES of them when the file
 * has that many) are what the type says, and its name hides nothing.
 */
export function uploadProblem(fileName: string, contentType: string, size: number, head: Uint8Array): UploadProblem | null {
  const type = contentType.split(';')[0].trim().toLowerCase();
  if (!isAccepted(type)) {
    return { code: 'attachment_type', zh: `不接受此类文件（${type || '未知类型'}）：仅限 JPG、PNG、PDF、Word、Excel`, en: `This file type (${type || 'unknown'}) is not accepted: only JPG, PNG, PDF, Word and Excel` };
  }
  if (size === 0) return { code: 'attachment_empty', zh: '文件为空', en: 'The file is empty' };
  if (size > MAX_ATTACHMENT_BYTES) return { code: 'attachment_too_large', zh: `文件超过 ${MB} MB`, en: `The file is larger than ${MB} MB` };
  if (!KINDS[type].matches(head)) return { code: 'attachment_mismatch', zh: `文件内容与类型 ${type} 不符`, en: `The file's content does not match its type ${type}` };
  const nameProblem = fileNameProblem(fileName);
  if (nameProblem) return { code: 'attachment_name', zh: `文件名不合规：${nameProblem.zh}`, en: `The file name is not acceptable: ${nameProblem.en}` };
  return null;
}
