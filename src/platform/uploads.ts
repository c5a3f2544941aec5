/**
 * Files people upload (a case's attachments, a service item's blank forms and samples): stored in
 * the database by their owners, limited in size, and accepted only when the bytes are what the
 * declared type says (checked by their magic numbers, not the name) and the name hides nothing.
 */
import { badRequest } from './errors.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Accepted types and how their content starts. */
const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  // Office Open XML (docx, xlsx) files are zip archives.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': (b) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04,
};
export const ATTACHMENT_TYPES = Object.keys(SIGNATURES);

export interface AttachmentInfo {
  id: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
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

/** Pure check of an upload: the type is accepted, the bytes match it, the size is within the limit. */
export function checkAttachment(fileName: string, contentType: string, data: Buffer): void {
  const type = contentType.split(';')[0].trim().toLowerCase();
  const matches = SIGNATURES[type];
  if (!matches) throw badRequest('attachment_type', `不接受此类文件（${type}）：仅限 JPG、PNG、PDF、Word、Excel`, `This file type (${type}) is not accepted: only JPG, PNG, PDF, Word and Excel`);
  if (data.length === 0) throw badRequest('attachment_empty', '文件为空', 'The file is empty');
  if (data.length > MAX_ATTACHMENT_BYTES) throw badRequest('attachment_too_large', `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`, `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  if (!matches(data)) throw badRequest('attachment_mismatch', `文件内容与类型 ${type} 不符`, `The file's content does not match its type ${type}`);
  const nameProblem = fileNameProblem(fileName);
  if (nameProblem) throw badRequest('attachment_name', `文件名不合规：${nameProblem.zh}`, `The file name is not acceptable: ${nameProblem.en}`);
}

