// Files a form sends: the checks FilePicker makes as they are chosen, and sending them one by one.
import { attachmentTypeOf, SIGNATURE_BYTES, uploadProblem, type UploadProblem } from '../../../src/platform/upload-rules';
import { errorText } from './errors';
import type { Translate } from './i18n';

/** Why the server would refuse this file, read from its name, type, size and first bytes. */
export async function fileProblem(file: File): Promise<UploadProblem | null> {
  const head = new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
  return uploadProblem(file.name, attachmentTypeOf(file.name, file.type), file.size, head);
}

/** The type a chosen file is sent as (the browser may know none for a .docx). */
export const fileType = (file: File) => attachmentTypeOf(file.name, file.type);

/** Sends the files one after another; answers the names of those the server refused, with its reason. */
export async function sendFiles(files: readonly File[], send: (file: File) => Promise<unknown>): Promise<{ name: string; error: unknown }[]> {
  const failed: { name: string; error: unknown }[] = [];
  for (const file of files) {
    try {
      await send(file);
    } catch (error) {
      failed.push({ name: file.name, error });
    }
  }
  return failed;
}

/** What to tell the user of the files the server refused, each with its reason. */
export const refusedFilesText = (t: Translate, failed: readonly { name: string; error: unknown }[]) =>
  t('files.sendFailed', { names: failed.map((f) => `${f.name}（${errorText(f.error, t('error.unexpected'))}）`).join('、') });
