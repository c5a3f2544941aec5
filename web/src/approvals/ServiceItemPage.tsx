// One catalogue item for staff: its current version as a form (editable by the department's
// administrators; a change to a published item becomes a new version), its actions, blank forms
// and samples, and every earlier version. `/approvals/items/new` writes a new draft.
import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, List, Modal, Row, Select, Space, Tag, Typography, Upload } from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { applyFieldErrors, useI18n, useLoad, useReportError } from '../shell';
import { OfficeTreeSelect, officesApi } from '../offices';
import {
  catalogueApi, days, ITEM_STATUSES, ITEM_TYPES, ITEM_TYPE_CODES, LEVELS, LEVEL_CODES, MATERIAL_FORMS, MATERIAL_FORM_CODES, named, ONLINE_DEPTHS, ONLINE_DEPTH_CODES,
  SERVICE_OBJECTS, SERVICE_OBJECT_CODES, type ServiceItemContent, type ServiceItemView, type StoredVersion,
} from './api';
import { STATUS_COLORS } from './CataloguePage';

const BLANK: Partial<ServiceItemContent> = { level: 'county', serviceObjects: ['legal_person'], onlineDepth: '4', visits: 0, steps: [], materials: [], stepsBefore: null, materialsBefore: null };

/** The form's values as the API takes them: materials without their stored ids. */
function toBody(values: ServiceItemContent): ServiceItemContent {
  return {
    ...BLANK, ...values,
    steps: (values.steps ?? []).map((s) => ({ name: s.name, note: s.note ?? '' })),
    materials: (values.materials ?? []).map(({ name, required, deficiency, form, source, note, blankFormFileId, sampleFileId }) => ({
      name, required: !!required, deficiency: !!deficiency, form, source: source ?? '', note: note ?? '', blankFormFileId: blankFormFileId ?? null, sampleFileId: sampleFileId ?? null,
    })),
  } as ServiceItemContent;
}

export default function ServiceItemPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const navigate = useNavigate();
  const param = useParams().id;
  const id = param === 'new' ? null : Number(param);
  const [form] = Form.useForm<ServiceItemContent>();
  const offices = useLoad((signal) => officesApi.list(signal), []);
  const item = useLoad((signal) => (id ? catalogueApi.get(id, signal) : Promise.resolve(null)), [id]);
  const versions = useLoad((signal) => (id ? catalogueApi.versions(id, signal) : Promise.resolve([])), [id, item.data?.version]);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<StoredVersion | null>(null);
  const view: ServiceItemView | null = item.data ?? null;
  const editable = id === null || !!view?.actions.includes('update');

  useEffect(() => {
    if (view) form.setFieldsValue(view.current as unknown as ServiceItemContent);
    else if (id === null) form.setFieldsValue(BLANK as ServiceItemContent);
  }, [view, id, form]);

  const save = async (values: ServiceItemContent) => {
    setBusy(true);
    try {
      const saved = id === null ? await catalogueApi.create(toBody(values)) : await catalogueApi.update(id, view!.version, toBody(values));
      message.success(t('common.saved'));
      if (id === null) navigate(`/approvals/items/${saved.id}`, { replace: true });
      else item.setData(saved);
    } catch (e) {
      if (!applyFieldErrors(form, e)) reportError(e, { onReload: item.reload });
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: 'publish' | 'retire') => {
    try {
      item.setData(await catalogueApi.act(id!, action, view!.version));
    } catch (e) {
      reportError(e, { onReload: item.reload });
    }
  };

  const fileField = (index: number, field: 'blankFormFileId' | 'sampleFileId') => {
    const fileId = form.getFieldValue(['materials', index, field]) as number | null | undefined;
    return (
      <Space size={4}>
        {fileId && id ? <a href={catalogueApi.fileUrl(id, fileId)}>#{fileId}</a> : null}
        {id && editable ? (
          <Upload showUploadList={false} beforeUpload={(file) => {
            catalogueApi.uploadFile(id, file).then((f) => {
              form.setFieldValue(['materials', index, field], f.id);
              message.success(t('approvals.uploaded', { name: f.fileName, id: f.id }));
            }, reportError);
            return false;
          }}>
            <Button size="small" icon={<UploadOutlined />}>{t(field === 'blankFormFileId' ? 'approvals.material.blankForm' : 'approvals.material.sample')}</Button>
          </Upload>
        ) : null}
      </Space>
    );
  };

  const req = (field: string) => [{ required: true, message: t('common.required', { field: t(`approvals.field.${field}`) }) }];
  const options = <K extends string>(codes: readonly K[], table: Record<K, { zh: string; en: string }>, withCode = false) =>
    codes.map((c) => ({ value: c, label: withCode ? `${c} ${named(table[c], lang)}` : named(table[c], lang) }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        loading={item.loading && id !== null}
        title={<Space wrap>{view ? view.current.name : t('approvals.new')}{view ? <Tag color={STATUS_COLORS[view.status]}>{named(ITEM_STATUSES[view.status], lang)}</Tag> : null}{view ? <Tag>{t('approvals.field.revision')} {view.revision}</Tag> : null}</Space>}
        extra={view ? (
          <Space>
            {view.actions.includes('publish') ? <Button type="primary" onClick={() => act('publish')} data-testid="item-publish">{t('approvals.action.publish')}</Button> : null}
            {view.actions.includes('retire') ? <Button danger onClick={() => act('retire')} data-testid="item-retire">{t('approvals.action.retire')}</Button> : null}
          </Space>
        ) : null}
      >
        <Form form={form} layout="vertical" onFinish={save} disabled={!editable}>
          <Row gutter={16}>
            <Col xs={24} md={12}><Form.Item name="name" label={t('approvals.field.name')} rules={req('name')}><Input /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="officeId" label={t('approvals.department')} rules={[{ required: true, message: t('common.select', { field: t('approvals.department') }) }]}>
              <OfficeTreeSelect offices={offices.data ?? []} loading={offices.loading} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="implementationCode" label={t('approvals.field.implementationCode')} rules={req('implementationCode')}><Input /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="basicCode" label={t('approvals.field.basicCode')} rules={req('basicCode')}><Input /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="typeCode" label={t('approvals.field.typeCode')} rules={req('typeCode')}><Select options={options(ITEM_TYPE_CODES, ITEM_TYPES, true)} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="level" label={t('approvals.field.level')}><Select options={options(LEVEL_CODES, LEVELS)} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="serviceObjects" label={t('approvals.field.serviceObjects')}><Checkbox.Group options={options(SERVICE_OBJECT_CODES, SERVICE_OBJECTS)} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="onlineDepth" label={t('approvals.field.onlineDepth')}><Select options={options(ONLINE_DEPTH_CODES, ONLINE_DEPTHS)} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="visits" label={t('approvals.field.visits')}><InputNumber min={0} max={10} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="statutoryLimit" label={t('approvals.field.statutoryLimit')} rules={req('statutoryLimit')}><InputNumber min={0} step={0.5} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="committedLimit" label={t('approvals.field.committedLimit')} rules={req('committedLimit')}><InputNumber min={0} step={0.5} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="statutoryNote" label={t('approvals.field.statutoryNote')}><Input /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="committedNote" label={t('approvals.field.committedNote')}><Input /></Form.Item></Col>
            <Col xs={24}><Form.Item name="legalBasis" label={t('approvals.field.legalBasis')} rules={req('legalBasis')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item></Col>
            <Col xs={24}><Form.Item name="conditions" label={t('approvals.field.conditions')}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="fees" label={t('approvals.field.fees')}><Input /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="resultName" label={t('approvals.field.resultName')}><Input /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name="place" label={t('approvals.field.place')}><Input /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="stepsBefore" label={t('approvals.field.stepsBefore')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={6}><Form.Item name="materialsBefore" label={t('approvals.field.materialsBefore')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Typography.Title level={5}>{t('approvals.field.steps')}</Typography.Title>
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'name']} rules={req('steps')}><Input placeholder={t('approvals.step.name')} /></Form.Item>
                    <Form.Item name={[f.name, 'note']}><Input style={{ width: 320 }} /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Form.Item><Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', note: '' })}>{t('approvals.step.add')}</Button></Form.Item>
              </>
            )}
          </Form.List>
          <Typography.Title level={5}>{t('approvals.field.materials')}</Typography.Title>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} data-testid="material-row">
                    <Space align="baseline" wrap>
                      <Form.Item name={[f.name, 'name']} rules={req('materials')}><Input placeholder={t('approvals.material.name')} style={{ width: 280 }} /></Form.Item>
                      <Form.Item name={[f.name, 'required']} valuePropName="checked"><Checkbox>{t('approvals.material.required')}</Checkbox></Form.Item>
                      <Form.Item name={[f.name, 'deficiency']} valuePropName="checked"><Checkbox>{t('approvals.material.deficiency')}</Checkbox></Form.Item>
                      <Form.Item name={[f.name, 'form']} initialValue="both"><Select style={{ width: 130 }} options={options(MATERIAL_FORM_CODES, MATERIAL_FORMS)} /></Form.Item>
                      <Form.Item name={[f.name, 'source']}><Input placeholder={t('approvals.material.source')} style={{ width: 160 }} /></Form.Item>
                      <Form.Item name={[f.name, 'blankFormFileId']} hidden><InputNumber /></Form.Item>
                      <Form.Item name={[f.name, 'sampleFileId']} hidden><InputNumber /></Form.Item>
                      <Form.Item shouldUpdate noStyle>{() => <Space>{fileField(f.name, 'blankFormFileId')}{fileField(f.name, 'sampleFileId')}</Space>}</Form.Item>
                      <MinusCircleOutlined onClick={() => remove(f.name)} />
                    </Space>
                  </Card>
                ))}
                <Form.Item><Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', required: true, deficiency: false, form: 'both' })} data-testid="material-add">{t('approvals.material.add')}</Button></Form.Item>
              </>
            )}
          </Form.List>
          {editable ? <Button type="primary" htmlType="submit" loading={busy} data-testid="item-save">{t('common.save')}</Button> : null}
        </Form>
      </Card>
      {id !== null ? (
        <Card title={t('approvals.versions')} size="small">
          <List dataSource={versions.data ?? []} loading={versions.loading} renderItem={(v) => (
            <List.Item key={v.revision} actions={[<a key="show" onClick={() => catalogueApi.version(id, v.revision).then(setShown, reportError)}>{t('approvals.viewVersion')}</a>]}>
              {t('approvals.versionBy', { n: v.revision, by: v.createdByName, at: dayjs(v.createdAt).format('YYYY-MM-DD HH:mm') })} · {v.name} · {days(v.committedLimit, t)} / {days(v.statutoryLimit, t)}
            </List.Item>
          )} />
        </Card>
      ) : null}
      <Modal open={!!shown} onCancel={() => setShown(null)} footer={null} title={shown ? t('approvals.versionBy', { n: shown.revision, by: shown.createdByName, at: dayjs(shown.createdAt).format('YYYY-MM-DD HH:mm') }) : ''} width={720}>
        {shown ? (
          <Space direction="vertical">
            <Typography.Text strong>{shown.name}</Typography.Text>
            <span>{t('approvals.guide.statutory')}：{days(shown.statutoryLimit, t)} · {t('approvals.guide.committed')}：{days(shown.committedLimit, t)}</span>
            <List size="small" header={t('approvals.field.materials')} dataSource={shown.materials} renderItem={(m) => <List.Item key={m.id}>#{m.id} {m.name}{m.required ? ` · ${t('approvals.material.required')}` : ''}{m.deficiency ? ` · ${t('approvals.material.deficiency')}` : ''}</List.Item>} />
          </Space>
        ) : null}
      </Modal>
    </Space>
  );
}
