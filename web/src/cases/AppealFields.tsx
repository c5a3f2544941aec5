// The fields of an appeal that staff intake (IntakePage) and an enterprise's own form
// (MyAppealsPage) share — its type, what the matter is and where, and confidentiality — with the
// server refusals that concern them. Each page puts its own fields around these (the channel and
// priority, the requester). The public form (src/public) words and arranges them for citizens.
// Test ids are `${testId}-title` and so on, one prefix per form.
import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { sendFiles, useI18n } from '../shell';
import { FilePicker } from '../shell/FilePicker';
import { RegionSelect } from '../regions';
import { CASE_TYPES, casesApi, MAX_ATTACHMENTS_PER_CASE, type AttachmentPart, type CaseType, type IntakeInput } from './api';
import { CategoryTreeSelect } from './pickers';

export interface AppealFieldValues {
  type: CaseType;
  title: string;
  content: string;
  address?: string;
  regionCode?: string | null;
  categoryId?: number | null;
  confidential: boolean;
  /** Photos and documents sent with the appeal, once it is taken in. */
  files?: File[];
}

/** Server refusals that concern one of these fields (for applyFieldErrors). */
export const APPEAL_FIELD_ERRORS = {
  invalid_title: 'title',
  invalid_content: 'content',
  unknown_region: 'regionCode',
  unknown_category: 'categoryId',
};

/** These fields' part of the intake body: text trimmed, empty optional fields sent as null. */
export function appealInput(v: AppealFieldValues): Pick<IntakeInput, 'type' | 'title' | 'content' | 'address' | 'regionCode' | 'categoryId' | 'confidential'> {
  return {
    type: v.type,
    title: v.title.trim(),
    content: v.content.trim(),
    address: v.address?.trim() || null,
    regionCode: v.regionCode ?? null,
    categoryId: v.categoryId ?? null,
    confidential: v.confidential,
  };
}

export function CaseTypeField({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('cases.field.type')} name="type" rules={[{ required: true, message: t('common.select', { field: t('cases.field.type') }) }]}>
      <Select
        data-testid={`${testId}-type`}
        aria-label={t('cases.field.type')}
        options={CASE_TYPES.map((c) => ({ value: c, label: t(`cases.type.${c}`), 'data-testid': `${testId}-type-option-${c}` }))}
      />
    </Form.Item>
  );
}

/** Title, content, region, category and address. */
export function AppealFields({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item label={t('cases.field.title')} name="title" rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.field.title') }) }]}>
        <Input maxLength={200} data-testid={`${testId}-title`} />
      </Form.Item>
      <Form.Item
        label={t('cases.field.content')}
        name="content"
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('cases.field.content') }) }]}
      >
        <Input.TextArea rows={5} maxLength={10000} showCount data-testid={`${testId}-content`} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item label={t('cases.field.region')} name="regionCode">
            <RegionSelect data-testid={`${testId}-region`} aria-label={t('cases.field.region')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('cases.field.category')} name="categoryId">
            <CategoryTreeSelect data-testid={`${testId}-category`} aria-label={t('cases.field.category')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('cases.field.address')} name="address">
        <Input maxLength={300} data-testid={`${testId}-address`} />
      </Form.Item>
    </>
  );
}

/** Photos and documents of the appeal (or of the reply), checked as they are chosen (FilePicker). */
export function CaseFilesField({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('cases.attachment.title')} name="files">
      <FilePicker max={MAX_ATTACHMENTS_PER_CASE} testId={`${testId}-files`} />
    </Form.Item>
  );
}

/**
 * Sends a form's files to the case (at `version`: just taken in, or just replied), one version
 * after another; answers the case's version after them and the files the server refused.
 */
export async function attachCaseFiles(caseId: number, version: number, files: readonly File[] = [], part?: AttachmentPart) {
  let at = version;
  const failed = await sendFiles(files, async (file) => {
    at = (await casesApi.attach(caseId, at, file, part)).caseVersion;
  });
  return { version: at, failed };
}

/** Keep the requester's identity from the handling offices (reports always are). */
export function ConfidentialField({ testId }: { testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={t('cases.field.confidential')} name="confidential" valuePropName="checked" extra={t('cases.field.confidentialHint')}>
      <Switch data-testid={`${testId}-confidential`} />
    </Form.Item>
  );
}
