import { Card, Col, Descriptions, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from './auth';
import { useI18n } from './i18n';
import { useRegistry, visibleMenu, type WorklistEntry } from './modules';
import { hasAnyRole, ROLE_COLORS } from './roles';
import { useLoad } from './useLoad';

/** One count of the worklist; it opens the list it counts. */
function WorklistCount({ entry }: { entry: WorklistEntry }) {
  const { t } = useI18n();
  const count = useLoad((signal) => entry.count(signal), [entry]);
  return (
    <Link to={entry.path} data-testid={`worklist-${entry.key}`} data-count={count.data ?? ''}>
      <Card hoverable size="small">
        <Statistic title={t(entry.labelKey)} value={count.data ?? '–'} loading={count.loading} />
      </Card>
    </Link>
  );
}

export default function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  const { menu, worklist } = useRegistry();
  const links = visibleMenu(menu, me.roles).filter((e) => e.path !== '/');
  const mine = worklist.filter((w) => hasAnyRole(me.roles, w.roles));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card data-testid="home-welcome">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.name })}
        </Typography.Title>
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('home.username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('home.roles')}>
            <span data-testid="home-roles">
              {me.roles.map((r) => (
                <Tag key={r} color={ROLE_COLORS[r]}>
                  {t(`role.${r}`)}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('home.office')}>
            <span data-testid="home-office">
              {me.office ? (
                <>
                  {me.office.name} <Tag>{t(`officeKind.${me.office.kind}`)}</Tag>
                  <Typography.Text type="secondary">{me.office.regionCode}</Typography.Text>
                </>
              ) : (
                t('header.noOffice')
              )}
            </span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {mine.length > 0 && (
        <Card title={t('home.worklist')}>
          <Row gutter={[16, 16]} data-testid="home-worklist">
            {mine.map((w) => (
              <Col key={w.key} xs={12} sm={8} md={6} xl={4}>
                <WorklistCount entry={w} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Card title={t('home.pages')}>
        {links.length === 0 ? (
          <Empty description={t('home.noPages')} />
        ) : (
          <Row gutter={[16, 16]} data-testid="home-links">
            {links.map((e) => (
              <Col key={e.key} xs={24} sm={12} md={8} lg={6}>
                <Link to={e.path} data-testid={`home-link-${e.key}`}>
                  <Card hoverable size="small">
                    <Space>
                      {e.icon}
                      {t(e.labelKey)}
                    </Space>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Space>
  );
}
