// The case's files as the viewer may see them (the server leaves out what the requester may not
// see): photos as thumbnails that open larger, documents as download links; staff see which part
// of the case each belongs to. Anyone who sees the case may add files: staff choose the part, a
// requester's files are the appeal's.
import { useState } from 'react';
import { Button, Card, Empty, Image, Select, Space, Tag, Typography } from 'antd';
import { FileOutlined } from '@ant-design/icons';
import { useI18n, useLoad, useReportError } from '../shell';
import { FilePicker } from '../shell/FilePicker';
import { isImageType } from '../../../src/platform/upload-rules';
import { ATTACHMENT_PARTS, casesApi, MAX_ATTACHMENTS_PER_CASE, type AttachmentPart, type CaseAttachment } from './api';
import { attachCaseFiles } from './AppealFields';

const PART_COLORS: Record<AttachmentPart, string> = { appeal: 'blue', reply: 'green', internal: 'default' };

interface Props {
  caseId: number;
  /** The case's version: the list follows every change (an upload is one), and a new file is added to this version. */
  version: number;
  /** The viewer sees the case as its requester only (no parts to choose, no internal files). */
  asRequester: boolean;
  /** After files were added: the case changed version. */
  onAdded: () => void;
}

export function CaseAttachments({ caseId, version, asRequester, onAdded }: Props) {
  const { t } = useI18n();
  const reportError = useReportError();
  const loaded = useLoad((signal) => casesApi.attachments(caseId, signal), [caseId, version]);
  const [files, setFiles] = useState<File[]>([]);
  const [part, setPart] = useState<AttachmentPart>('internal');
  const [busy, setBusy] = useState(false);
  const items = loaded.data ?? [];
  const images = items.filter((a) => isImageType(a.contentType));
  const documents = items.filter((a) => !isImageType(a.contentType));
  const partTag = (a: CaseAttachment) => !asRequester && <Tag color={PART_COLORS[a.part]}>{t(`cases.attachment.part.${a.part}`)}</Tag>;

  const send = async () => {
    setBusy(true);
    const { failed } = await attachCaseFiles(caseId, version, files, asRequester ? undefined : part);
    setBusy(false);
    setFiles([]);
    failed.forEach((f) => reportError(f.error));
    onAdded();
  };

  return (
    <Card title={t('cases.attachment.title')} data-testid="case-attachments">
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {items.length === 0 && !loaded.loading && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.attachment.none')} />}
        {images.length > 0 && (
          <Image.PreviewGroup>
            <Space wrap size={12}>
              {images.map((a) => (
                <Space key={a.id} direction="vertical" size={2} style={{ width: 112 }} data-testid="case-attachment-image">
                  <Image src={casesApi.attachmentUrl(caseId, a.id)} alt={a.fileName} width={112} height={112} style={{ objectFit: 'cover', borderRadius: 4 }} />
                  <Typography.Text ellipsis={{ tooltip: a.fileName }} style={{ width: 112, fontSize: 12 }}>
                    {a.fileName}
                  </Typography.Text>
                  {partTag(a)}
                </Space>
              ))}
            </Space>
          </Image.PreviewGroup>
        )}
        {documents.map((a) => (
          <Space key={a.id} wrap data-testid="case-attachment-document">
            <FileOutlined />
            <a href={casesApi.attachmentUrl(caseId, a.id)} download={a.fileName} data-testid="case-attachment-link">
              {a.fileName}
            </a>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {Math.max(1, Math.round(a.size / 1024))} KB
            </Typography.Text>
            {partTag(a)}
          </Space>
        ))}
        <div className="qq-no-print">
          <FilePicker value={files} onChange={setFiles} max={Math.max(0, MAX_ATTACHMENTS_PER_CASE - items.length)} testId="case-attach" />
          {files.length > 0 && (
            <Space wrap style={{ marginTop: 8 }}>
              {!asRequester && (
                <Select
                  value={part}
                  onChange={setPart}
                  style={{ minWidth: 180 }}
                  aria-label={t('cases.attachment.part')}
                  data-testid="case-attach-part"
                  options={ATTACHMENT_PARTS.map((p) => ({ value: p, label: t(`cases.attachment.part.${p}`) }))}
                />
              )}
              <Button type="primary" loading={busy} onClick={() => void send()} data-testid="case-attach-send">
                {t('cases.attachment.send', { n: files.length })}
              </Button>
            </Space>
          )}
        </div>
      </Space>
    </Card>
  );
}
