// The public red and black lists (红黑榜公开), without log-in: every published month, newest
// first, each version with its reason and time; for the chosen version the lists per peer group,
// how its score and ranking were worked out (from the settings it was scored with), and the
// month's statistics of every office as published, with the total. Fits a 390 px phone.
import { useMemo } from 'react';
import { Alert, Card, Col, Descriptions, Empty, List, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public/PublicLayout';
import { evaluationApi, groupLists, type Figure, type FigureRow, type PublishedList, type Rate } from './api';
import { FigureTableView } from './FigureTableView';
import { useEvalNames } from './names';
import { ListTag, orderOffices, RankingTables } from './RankingTables';
import { ScoreExplanation } from './ScoreExplanation';

const STAT_FIGURES: Figure[] = ['received', 'completed', 'completedOnTime', 'overdue', 'visited', 'satisfied'];
const STAT_RATES: Rate[] = ['completionRate', 'onTimeRate', 'responseRate', 'visitRate', 'resolutionRate', 'satisfactionRate'];

export default function PublicRankingsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const lists = useLoad((signal) => evaluationApi.publicLists(signal), []);
  const groups = useMemo(() => groupLists(lists.data ?? []), [lists.data]);
  const asked = Number(params.get('list'));
  const selectedId = Number.isInteger(asked) && asked > 0 ? asked : groups[0]?.versions[0]?.id;
  const detail = useLoad(
    (signal) => (selectedId ? evaluationApi.publicList(selectedId, signal) : Promise.resolve(undefined)),
    [selectedId],
  );

  return (
    <PublicLayout width={1280}>
      <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="public-rankings">
        <Card>
          <h1 style={{ fontSize: 20, marginTop: 0 }}>{t('evaluation.public.title')}</h1>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('evaluation.public.intro')}
          </Typography.Paragraph>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7}>
            <Card size="small" title={t('evaluation.public.months')} data-testid="public-rankings-months">
              {lists.loading && !lists.data ? (
                <Spin />
              ) : groups.length === 0 ? (
                <Empty description={t('evaluation.public.none')} data-testid="public-rankings-empty" />
              ) : (
                <List
                  size="small"
                  dataSource={groups}
                  renderItem={(g) => (
                    <List.Item key={g.key} data-testid={`public-rankings-month-${g.month}`} style={{ display: 'block' }}>
                      <Typography.Text strong>{g.month}</Typography.Text>
                      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                        {g.scopeOfficeName}
                      </Typography.Text>
                      <ul style={{ listStyle: 'none', paddingLeft: 0, margin: '4px 0 0' }}>
                        {g.versions.map((v) => (
                          <li key={v.id} style={{ marginBottom: 4 }}>
                            <Link
                              to={`/public/rankings?list=${v.id}`}
                              aria-current={v.id === selectedId ? 'true' : undefined}
                              style={{ fontWeight: v.id === selectedId ? 600 : 400 }}
                              data-testid={`public-rankings-version-${v.id}`}
                            >
                              {t('evaluation.list.versionN', { n: v.version })}
                            </Link>
                            {v.version === g.versions[0].version && g.versions.length > 1 && (
                              <Tag color="green" style={{ marginLeft: 6 }}>
                                {t('evaluation.public.current')}
                              </Tag>
                            )}
                            <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                              {dayjs(v.publishedAt).format('YYYY-MM-DD HH:mm')}
                            </Typography.Text>
                            {v.reason && (
                              <div style={{ fontSize: 12 }} data-testid={`public-rankings-reason-${v.id}`}>
                                {t('evaluation.public.correctionReason', { reason: v.reason })}
                              </div>
                            )}
                          </li>
                        ))}
                      </ul>
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={17}>
            {detail.data ? (
              <PublishedDetail list={detail.data} />
            ) : detail.loading && selectedId ? (
              <Card>
                <Spin />
              </Card>
            ) : detail.error ? (
              <Alert type="error" showIcon message={t('evaluation.public.notFound')} />
            ) : null}
          </Col>
        </Row>
      </Space>
    </PublicLayout>
  );
}

function PublishedDetail({ list }: { list: PublishedList }) {
  const { t } = useI18n();
  const names = useEvalNames();
  const r = list.ranking;
  const statRows: FigureRow[] = useMemo(
    () =>
      r.groups.flatMap((g) =>
        orderOffices(g.offices).map((o) => ({ key: String(o.officeId), name: o.name, parentKey: null, counts: o.counts, rates: o.rates })),
      ),
    [r],
  );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="public-rankings-detail">
      <Card
        size="small"
        styles={{ title: { whiteSpace: 'normal' } }}
        title={
          <span data-testid="public-rankings-title">
            {t('evaluation.list.title', { month: list.month, scope: list.scopeOfficeName })}
          </span>
        }
        extra={
          <Tag color={list.version === 1 ? 'blue' : 'orange'} data-testid="public-rankings-current-version">
            {t('evaluation.list.versionN', { n: list.version })}
          </Tag>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('evaluation.list.publishedAt')}>{dayjs(list.publishedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.ranking.rulesShort')}>
            {t('evaluation.ranking.rules', { min: r.settings.minimumCases, size: r.settings.listSize })}
          </Descriptions.Item>
          {list.reason && (
            <Descriptions.Item label={t('evaluation.public.correction')} span="filled">
              <span data-testid="public-rankings-detail-reason">{list.reason}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
        <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
          {r.groups.map((g) => {
            const offices = orderOffices(g.offices);
            const red = offices.filter((o) => o.list === 'red');
            const black = offices.filter((o) => o.list === 'black').reverse();
            return (
              <Col key={g.peerGroup} xs={24} md={12} data-testid={`public-rankings-lists-${g.peerGroup}`}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {names.peerGroup(g.peerGroup)}
                </Typography.Title>
                <Row gutter={[8, 8]}>
                  {[
                    { key: 'red', items: red },
                    { key: 'black', items: black },
                  ].map((side) => (
                    <Col key={side.key} xs={24} sm={12}>
                      <Card size="small" type="inner" title={<ListTag list={side.key as 'red' | 'black'} />} data-testid={`public-rankings-${g.peerGroup}-${side.key}`}>
                        {side.items.length === 0 ? (
                          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                        ) : (
                          <ol style={{ paddingLeft: 18, margin: 0 }}>
                            {side.items.map((o) => (
                              <li key={o.officeId}>
                                {o.name}
                                <Typography.Text type="secondary" style={{ marginLeft: 4 }}>
                                  {o.score?.toFixed(2)}
                                </Typography.Text>
                              </li>
                            ))}
                          </ol>
                        )}
                      </Card>
                    </Col>
                  ))}
                </Row>
              </Col>
            );
          })}
        </Row>
      </Card>
      <Card size="small" title={t('evaluation.explain.title')} styles={{ title: { whiteSpace: 'normal' } }}>
        <ScoreExplanation ranking={r} testId="public-rankings-explanation" />
      </Card>
      <Card size="small" title={t('evaluation.public.ranking')}>
        <RankingTables ranking={r} testId="public-ranking" />
      </Card>
      <Card size="small" title={t('evaluation.public.stats', { month: list.month })}>
        <FigureTableView
          by="office"
          rows={statRows}
          total={r.total}
          figures={STAT_FIGURES}
          rates={STAT_RATES}
          testId="public-rankings-stats"
          nameTitle={t('evaluation.by.office')}
        />
      </Card>
    </Space>
  );
}
