import { useCallback, useEffect, useState, type Key } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Form, Input, List, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { applyFieldErrors, errorText, isAbort, useI18n, useReportError } from '../shell';
import { codeFitsParent, regionsApi, type Region, type RegionDetail } from './api';
import { RegionSelect } from './RegionSelect';

interface RegionNode extends TreeDataNode {
  key: string;
  region: Region;
  children?: RegionNode[];
}

function toNode(r: Region): RegionNode {
  return { key: r.code, title: `${r.name}  ${r.code}`, region: r, isLeaf: r.level === 'county' };
}

/** Fresh nodes, keeping the already-loaded subtree of those that were there before. */
function merge(old: RegionNode[] | undefined, fresh: RegionNode[]): RegionNode[] {
  return fresh.map((n) => old?.find((o) => o.key === n.key) ?? n);
}

/** Returns the tree with `children` put under the node `key` (or as roots when key is null). */
function withChildren(nodes: RegionNode[], key: string | null, children: RegionNode[]): RegionNode[] {
  if (key === null) return merge(nodes, children);
  return nodes.map((n) => {
    if (n.key === key) return { ...n, children: merge(n.children, children), isLeaf: n.region.level === 'county' || children.length === 0 };
    if (n.children) return { ...n, children: withChildren(n.children, key, children) };
    return n;
  });
}

function findNode(nodes: RegionNode[], key: string): RegionNode | undefined {
  for (const n of nodes) {
    if (n.key === key) return n;
    const c = n.children && findNode(n.children, key);
    if (c) return c;
  }
  return undefined;
}

/** Server refusals that concern one field of the add-region form. */
const REGION_FIELDS = {
  invalid_region_code: 'code',
  region_exists: 'code',
  invalid_name: 'name',
  parent_mismatch: 'parentCode',
  unknown_parent: 'parentCode',
};

interface AddForm {
  code: string;
  name: string;
  parentCode: string | null;
}

export default function RegionsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [tree, setTree] = useState<RegionNode[]>([]);
  const [treeLoading, setTreeLoading] = useState(true);
  const [loadedKeys, setLoadedKeys] = useState<Key[]>([]);
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<RegionDetail | null>(null);
  const [detailLoading, setDetailLoading] = useState(false);
  const [results, setResults] = useState<Region[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [form] = Form.useForm<AddForm>();
  const [parent, setParent] = useState<Region | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    const c = new AbortController();
    regionsApi
      .children(undefined, c.signal)
      .then((items) => {
        setTree(items.map(toNode));
        setTreeLoading(false);
      })
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        setTreeLoading(false);
        reportError(e);
      });
    return () => c.abort();
  }, [reportError]);

  useEffect(() => {
    if (!selected) {
      setDetail(null);
      return;
    }
    const c = new AbortController();
    setDetailLoading(true);
    regionsApi
      .get(selected, c.signal)
      .then((d) => {
        setDetail(d);
        setDetailLoading(false);
      })
      .catch((e: unknown) => {
        if (isAbort(e)) return;
        setDetailLoading(false);
        reportError(e);
      });
    return () => c.abort();
  }, [selected, reportError]);

  const loadChildren = useCallback(
    async (code: string) => {
      try {
        const items = await regionsApi.children(code);
        setTree((prev) => withChildren(prev, code, items.map(toNode)));
        setLoadedKeys((k) => (k.includes(code) ? k : [...k, code]));
      } catch (e) {
        reportError(e);
      }
    },
    [reportError],
  );

  const onSearch = async (q: string) => {
    const text = q.trim();
    if (!text) {
      setResults(null);
      return;
    }
    setSearching(true);
    try {
      setResults(await regionsApi.search(text));
    } catch (e) {
      reportError(e);
    } finally {
      setSearching(false);
    }
  };

  const startAddUnder = (r: Region) => {
    form.setFieldsValue({ parentCode: r.code, code: r.code.slice(0, r.level === 'province' ? 2 : 4) });
    setParent(r);
    setAddError(null);
  };

  const onAdd = async (v: AddForm) => {
    setAdding(true);
    setAddError(null);
    try {
      const created = await regionsApi.create({ code: v.code, name: v.name.trim(), parentCode: v.parentCode ?? null });
      message.success(t('regions.created', { name: created.name }));
      form.resetFields();
      setParent(null);
      const parentCode = created.parentCode;
      if (parentCode === null) {
        const provinces = (await regionsApi.children()).map(toNode);
        setTree((prev) => withChildren(prev, null, provinces));
      } else if (findNode(tree, parentCode) && loadedKeys.includes(parentCode)) {
        await loadChildren(parentCode);
      }
      setSelected(created.code);
    } catch (e) {
      if (!applyFieldErrors(form, e, REGION_FIELDS)) setAddError(errorText(e, t('error.unexpected')));
    } finally {
      setAdding(false);
    }
  };

  const prefixLen = parent ? (parent.level === 'province' ? 2 : 4) : 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={11}>
        <Card title={t('regions.menu')} data-testid="regions-panel">
          <Input.Search
            placeholder={t('regions.searchPlaceholder')}
            aria-label={t('regions.searchPlaceholder')}
            allowClear
            enterButton
            loading={searching}
            onSearch={(q) => void onSearch(q)}
            data-testid="region-search"
            style={{ marginBottom: 12 }}
          />
          {results !== null ? (
            <>
              <Space style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{t('regions.results')}</Typography.Text>
                <Button type="link" size="small" onClick={() => setResults(null)}>
                  {t('regions.backToTree')}
                </Button>
              </Space>
              <List
                size="small"
                bordered
                data-testid="region-results"
                dataSource={results}
                locale={{ emptyText: t('regions.noResults') }}
                renderItem={(r) => (
                  <List.Item
                    onClick={() => setSelected(r.code)}
                    style={{ cursor: 'pointer', background: r.code === selected ? '#e6f4ff' : undefined }}
                    data-testid={`region-result-${r.code}`}
                  >
                    <Space>
                      <span>{r.name}</span>
                      <Typography.Text type="secondary">{r.code}</Typography.Text>
                      <Tag>{t(`regions.level.${r.level}`)}</Tag>
                    </Space>
                  </List.Item>
                )}
              />
            </>
          ) : treeLoading ? (
            <Spin />
          ) : (
            <div data-testid="region-tree">
              <Tree<RegionNode>
                treeData={tree}
                loadData={(node) => (node.children ? Promise.resolve() : loadChildren(node.key))}
                loadedKeys={loadedKeys}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpandedKeys(keys)}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : null)}
                height={560}
              />
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={13}>
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('regions.detail')} data-testid="region-detail">
            {detailLoading ? (
              <Spin />
            ) : detail ? (
              <>
                <Breadcrumb
                  style={{ marginBottom: 12 }}
                  items={[...detail.ancestors, detail].map((a) => ({ title: a.name }))}
                />
                <Descriptions column={1} size="small" bordered>
                  <Descriptions.Item label={t('regions.code')}>{detail.code}</Descriptions.Item>
                  <Descriptions.Item label={t('regions.name')}>{detail.name}</Descriptions.Item>
                  <Descriptions.Item label={t('regions.level')}>{t(`regions.level.${detail.level}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('regions.parent')}>
                    {detail.ancestors.length ? detail.ancestors[detail.ancestors.length - 1].name : '—'}
                  </Descriptions.Item>
                </Descriptions>
                {detail.level !== 'county' && (
                  <Button icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => startAddUnder(detail)} data-testid="region-add-child">
                    {t('regions.addChild')}
                  </Button>
                )}
              </>
            ) : (
              <Empty description={t('regions.detailEmpty')} />
            )}
          </Card>
          <Card title={t('regions.add')}>
            {addError && (
              <div role="alert" data-testid="region-form-error" style={{ marginBottom: 12 }}>
                <Alert type="error" showIcon message={addError} />
              </div>
            )}
            <Form<AddForm> form={form} layout="vertical" name="region-add" onFinish={(v) => void onAdd(v)} data-testid="region-form">
              <Form.Item label={t('regions.parent')} name="parentCode" extra={t('regions.parentNone')}>
                <RegionSelect
                  filter={(r) => r.level !== 'county'}
                  onChange={(_code, r) => setParent(r)}
                  data-testid="region-parent"
                />
              </Form.Item>
              <Form.Item
                label={t('regions.code')}
                name="code"
                dependencies={['parentCode']}
                rules={[
                  { required: true, message: t('common.required', { field: t('regions.code') }) },
                  { pattern: /^\d{6}$/, message: t('regions.codeInvalid') },
                  {
                    validator: (_, v: string | undefined) =>
                      !v || !/^\d{6}$/.test(v) || codeFitsParent(v, parent)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('regions.codeParent', { n: prefixLen }))),
                  },
                ]}
              >
                <Input maxLength={6} inputMode="numeric" placeholder="411702" data-testid="region-code" />
              </Form.Item>
              <Form.Item
                label={t('regions.name')}
                name="name"
                rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('regions.name') }) }]}
              >
                <Input maxLength={60} data-testid="region-name" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={adding} icon={<PlusOutlined />} data-testid="region-submit">
                {t('regions.add')}
              </Button>
            </Form>
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
