// The draw page (抽取过程公示): commitment, seed sources, seed, result and recusals, with the
// commitment and seed checked in the browser; the full re-run is bin/verify-draw.mjs.
import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { useI18n, useLoad } from '../shell';
import { PublicLayout } from '../public';
import { checkDraw, inspectionsApi, ratio } from './api';

export default function PublicDrawPage() {
  const { taskId } = useParams();
  const { t, lang } = useI18n();
  const doc = useLoad((signal) => inspectionsApi.publicDraw(taskId!, signal), [taskId]);
  const check = useLoad(async () => (doc.data ? checkDraw(doc.data) : null), [doc.data]);
  const d = doc.data;
  const mark = (ok: boolean | null | undefined, testid: string) => (ok === null || ok === undefined
    ? <Tag data-testid={testid}>{t('inspections.draw.pending')}</Tag>
    : <Tag color={ok ? 'green' : 'red'} data-testid={testid}>{t(ok ? 'inspections.draw.ok' : 'inspections.draw.bad')}</Tag>);
  const mono = (text: string | null) => <Typography.Text code style={{ wordBreak: 'break-all' }}>{text ?? '—'}</Typography.Text>;
  return (
    <PublicLayout>
      <Card title={d ? `${t('inspections.draw.title')}：${d.title}` : t('inspections.draw.title')} loading={!d}>
        {d && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('inspections.task.code')}>{d.taskCode}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.task.candidates')}>
                {d.rosters.targets.length}（{d.rosters.strata.map((s) => `${s.stratum} ${ratio(s.basisPoints)}`).join('，')}）
              </Descriptions.Item>
              <Descriptions.Item label={t('inspections.task.commitment')}>{mono(d.commitment)}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.task.serverRandomHash')}>{mono(d.serverRandomHash)}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.task.seedSource')}>{lang === 'en' ? d.seedSource.en : d.seedSource.zh}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.task.serverRandom')}>{mono(d.serverRandom)}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.task.witness')}>{d.witnessValue ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inspections.task.seed')}>{mono(d.seed)}</Descriptions.Item>
            </Descriptions>
            <Card size="small" title={t('inspections.draw.check')}>
              <Space direction="vertical">
                <span>{t('inspections.draw.commitmentCheck')}：{mark(check.data?.commitment, 'draw-check-commitment')}</span>
                <span>{t('inspections.draw.randomCheck')}：{mark(check.data?.serverRandom, 'draw-check-random')}</span>
                <span>{t('inspections.draw.seedCheck')}：{mark(check.data?.seed, 'draw-check-seed')}</span>
                <Typography.Text type="secondary">{t('inspections.draw.full')}</Typography.Text>
              </Space>
            </Card>
            {d.result && (
              <List size="small" header={t('inspections.draw.targets')} dataSource={d.result.targets} renderItem={(target) => (
                <List.Item key={target.id} data-testid="draw-target">
                  <Space direction="vertical" size={0} style={{ minWidth: 0 }}>
                    <span style={{ wordBreak: 'break-all' }}>{target.id} · {target.stratum} #{target.rank}</span>
                    {d.result!.teams.filter((team) => team.target === target.id).map((team) => (
                      <Typography.Text key={team.department} type="secondary">{team.department}：{team.inspectors.join('、')}</Typography.Text>
                    ))}
                    {d.recusals.filter((r) => r.target === target.id).map((r, i) => (
                      <Typography.Text key={i} type="secondary">{r.inspector} → {r.replacement}</Typography.Text>
                    ))}
                  </Space>
                </List.Item>
              )} />
            )}
          </Space>
        )}
      </Card>
    </PublicLayout>
  );
}
