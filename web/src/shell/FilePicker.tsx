// Choosing photos and documents to send with a form. Each file is checked in the browser by the
// server's own rules (src/platform/upload-rules.ts: type, content, size, name) as it is chosen; a
// refused file is named with the reason and never joins the list, so it is never sent. The
// server checks again when the form sends the files. Imported from this file, not from the
// shell's index, so that only the pages with a file field bundle it (see index.ts).
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Space, Typography } from 'antd';
import { DeleteOutlined, FileOutlined, PaperClipOutlined } from '@ant-design/icons';
import { ATTACHMENT_ACCEPT, isImageType, MAX_ATTACHMENT_BYTES } from '../../../src/platform/upload-rules';
import { fileProblem, fileType } from './files';
import { useI18n } from './i18n';

const kb = (size: number) => (size < 1024 * 1024 ? `${Math.max(1, Math.round(size / 1024))} KB` : `${(size / 1024 / 1024).toFixed(1)} MB`);

function Thumb({ file }: { file: File }) {
  const url = useMemo(() => (isImageType(fileType(file)) ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);
  return url ? (
    <img src={url} alt="" style={{ width: 40, height: 40, objectFit: 'cover', borderRadius: 4, flex: 'none' }} />
  ) : (
    <FileOutlined style={{ fontSize: 28, width: 40, flex: 'none', color: '#888' }} />
  );
}

export interface FilePickerProps {
  value?: File[];
  onChange?: (files: File[]) => void;
  /** Most files the form may send. */
  max: number;
  testId: string;
}

/** A form field (value: the chosen files) with a button, the limits, each file's thumbnail or icon, and why a file was refused. */
export function FilePicker({ value = [], onChange, max, testId }: FilePickerProps) {
  const { t, lang } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<string[]>([]);

  const choose = async (chosen: File[]) => {
    const accepted: File[] = [];
    const reasons: string[] = [];
    for (const file of chosen) {
      const problem = await fileProblem(file);
      if (problem) reasons.push(t('files.refused', { name: file.name, reason: lang === 'en' ? problem.en : problem.zh }));
      else if (value.length + accepted.length >= max) reasons.push(t('files.tooMany', { name: file.name, max }));
      else accepted.push(file);
    }
    setRefused(reasons);
    if (accepted.length) onChange?.([...value, ...accepted]);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={testId}>
      <input
        ref={input}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        hidden
        tabIndex={-1}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void choose(files);
        }}
      />
      <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()} disabled={value.length >= max} data-testid={`${testId}-add`}>
        {t('files.add')}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('files.hint', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024, max })}
      </Typography.Text>
      {refused.length > 0 && (
        <div role="alert" data-testid={`${testId}-refused`}>
          <Alert type="error" showIcon message={refused.map((r) => <div key={r}>{r}</div>)} />
        </div>
      )}
      {value.map((file, i) => (
        <div key={`${file.name}-${i}`} style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }} data-testid={`${testId}-file`}>
          <Thumb file={file} />
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
            {file.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
            {kb(file.size)}
          </Typography.Text>
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('files.remove', { name: file.name })}
            onClick={() => onChange?.(value.filter((_, j) => j !== i))}
          />
        </div>
      ))}
    </Space>
  );
}
